from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.webhooks import catalogue
from clientdesk.webhooks.services import EndpointData


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("The receiver's https:// address; it must answer 2xx within 10 seconds."),
        widget=forms.URLInput(),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label=_("Events"), choices=catalogue.choices, widget=forms.CheckboxSelectMultiple
    )

    def data_for_service(self) -> EndpointData:
        return EndpointData(
            url=self.cleaned_data["url"],
            description=self.cleaned_data["description"],
            event_types=self.cleaned_data["event_types"],
        )


class NewEndpointForm(EndpointForm):
    enabled = forms.BooleanField(label=_("Send from now on"), required=False, initial=True)
