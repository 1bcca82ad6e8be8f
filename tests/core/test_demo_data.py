import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from clientdesk.accounts.models import Membership
from clientdesk.core import grants as G

DEMO_PEOPLE = [
    "ana.popescu@alfa.example",
    "mihai.ionescu@alfa.example",
    "elena.dumitru@beta.example",
    "agent@vendor.example",
    "contracts@vendor.example",
    "admin@vendor.example",
]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_demo_data_loads_and_a_second_run_changes_nothing():
    call_command("demo_data", verbosity=0)
    first = row_counts()
    call_command("demo_data", verbosity=0)
    assert row_counts() == first


@pytest.mark.django_db
def test_the_six_demo_people_sign_in_with_the_documented_password_and_grants():
    call_command("demo_data", verbosity=0)
    for email in DEMO_PEOPLE:
        assert authenticate(email=email, password="clientdesk-demo") is not None, email
    ana = Membership.objects.get(user__email="ana.popescu@alfa.example")
    mihai = Membership.objects.get(user__email="mihai.ionescu@alfa.example")
    elena = Membership.objects.get(user__email="elena.dumitru@beta.example")
    assert ana.grants == list(G.ALL)
    assert mihai.grants == [G.REQUESTS, G.ORDERS]
    assert elena.grants == list(G.ALL)
    assert ana.account.name.startswith("Alfa Industries")
    assert elena.account.name.startswith("Beta Logistics")


@pytest.mark.django_db
def test_demo_data_refuses_to_run_in_production_mode(settings):
    settings.DEVELOPMENT = False

    with pytest.raises(CommandError, match="development mode only: set DEBUG=1"):
        call_command("demo_data", verbosity=0)
    assert not Membership.objects.exists()
