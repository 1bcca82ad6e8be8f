"""The forms of the request catalogue's pages: a request type, a queue."""

from django import forms
from django.contrib.auth import get_user_model

from clientdesk.support.models import Queue, RequestType


class RequestTypeForm(forms.ModelForm):
    class Meta:
        model = RequestType
        fields = [
            "code",
            "name_ro",
            "name_en",
            "description_ro",
            "description_en",
            "queue",
            "first_response_hours",
            "resolution_hours",
            "reopen_days",
            "active",
            "position",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The code picks the type's kind in code: set once, when the type is added.
        if self.instance.pk:
            self.fields["code"].disabled = True


class QueueForm(forms.ModelForm):
    class Meta:
        model = Queue
        fields = ["code", "name_ro", "name_en", "group", "members", "position"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        members = self.fields["members"]
        assert isinstance(members, forms.ModelMultipleChoiceField)
        members.queryset = (
            get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
        )
