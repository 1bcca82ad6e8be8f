import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.ro import cui


def normalize_phone(value: str, country: str | None) -> str:
    """A phone number in international form (+40 722 555 101), or a ValidationError."""
    try:
        number = phonenumbers.parse(value, (country or "RO").upper())
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Enter a phone number, for example +40 721 234 567.")) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("This phone number is not valid."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_cui(value: str) -> None:
    """A Romanian company's tax identification number (CUI/CIF), with or without "RO"."""
    try:
        cui.validate(value)
    except NumberError:
        raise ValidationError(_("This is not a valid tax identification number (CUI).")) from None
