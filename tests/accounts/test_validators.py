import pytest
from django.core.exceptions import ValidationError

from clientdesk.accounts.demo import CUSTOMERS, VENDOR
from clientdesk.accounts.validators import normalize_phone, validate_cui


@pytest.mark.parametrize("number", [c["tax_id"] for c in CUSTOMERS.values()] + [VENDOR["tax_id"]])
def test_the_demo_companies_have_valid_tax_ids(number):
    validate_cui(number)


@pytest.mark.parametrize("number", ["RO14458938", "1445893X", "RO"])
def test_a_wrong_tax_id_is_refused(number):
    with pytest.raises(ValidationError):
        validate_cui(number)


def test_a_phone_number_is_kept_in_international_form():
    assert normalize_phone("0722555101", "RO") == "+40 722 555 101"
    with pytest.raises(ValidationError):
        normalize_phone("12", "RO")
