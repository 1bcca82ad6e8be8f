from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.orders.forms import status_field
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


class StaffOrderFilterForm(forms.Form):
    """The staff order list's filters: a search box and the status."""

    q = forms.CharField(
        label=_("Order, PO or customer"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = status_field()

    def filters(self) -> dict[str, str]:
        """The valid filters, as keyword arguments for queries.staff_orders_matching; an
        invalid field selects as if it were left empty (its message shows next to it)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
