from django import forms

from clientdesk.orders.models import Carrier


class CarrierForm(forms.ModelForm):
    class Meta:
        model = Carrier
        fields = ["code", "name", "tracking_url_template", "active"]
        widgets = {"tracking_url_template": forms.URLInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ERP names the carrier by its code in every shipment: set once.
        if self.instance.pk:
            self.fields["code"].disabled = True
