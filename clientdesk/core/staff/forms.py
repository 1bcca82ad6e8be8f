from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.core import staff_mail


class StaffMailForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("E-mail me about"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds are registered by the apps at start-up, not known when the class is made.
        field = self.fields["topics"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(topic.key, topic.label) for topic in staff_mail.topics()]
