from django import forms

from clientdesk.billing.models import BillingSettings


class BillingSettingsForm(forms.ModelForm):
    class Meta:
        model = BillingSettings
        fields = [
            "einvoice_enabled",
            "vat_number",
            "registration_number",
            "iban",
            "bank_name",
            "street",
            "city",
            "county_code",
            "postal_code",
            "country",
            "payment_terms_days",
        ]
