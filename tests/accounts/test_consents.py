"""Withdrawing a consent: recorded with its time and version, and said plainly what it means."""

import pytest
from django.urls import reverse

from clientdesk.accounts import services
from clientdesk.accounts.consents import MANDATORY
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.models import Consent
from clientdesk.core.models import Event
from tests.accounts.test_services import as_user, not_allowed, refused
from tests.factories import UserFactory


def consenting_user():
    user = UserFactory()
    for kind in Consent.Kind.values:
        user.consents.create(kind=kind, version="v2", text="text", given_at=user.date_joined)
    return user


@pytest.mark.django_db
def test_withdrawing_the_transfer_consent_records_the_time_and_the_version():
    user = consenting_user()
    consent = services.consent_withdraw(actor=as_user(user), user=user, kind=Consent.Kind.TRANSFER)
    assert consent.withdrawn_at is not None
    event = Event.objects.about(user).get(kind="user.consent_withdrawn")
    assert event.data == {"kind": "transfer", "version": "v2"}
    assert event.actor_user_id == user.pk


@pytest.mark.django_db
def test_the_mandatory_consent_is_withdrawn_only_by_deleting_the_account():
    user = consenting_user()
    contact = user.consents.get(kind=MANDATORY)
    with refused(AccountError.CONSENT_MANDATORY, "kind", rows=(contact,)):
        services.consent_withdraw(actor=as_user(user), user=user, kind=MANDATORY)


@pytest.mark.django_db
def test_a_consent_is_withdrawn_once():
    user = consenting_user()
    services.consent_withdraw(actor=as_user(user), user=user, kind=Consent.Kind.TRANSFER)
    with refused(AccountError.CONSENT_NOT_GIVEN, "kind"):
        services.consent_withdraw(actor=as_user(user), user=user, kind=Consent.Kind.TRANSFER)


@pytest.mark.django_db
def test_nobody_withdraws_another_persons_consent():
    user, other = consenting_user(), UserFactory()
    with not_allowed(rows=tuple(user.consents.all())):
        services.consent_withdraw(actor=as_user(other), user=user, kind=Consent.Kind.TRANSFER)


@pytest.mark.django_db
def test_my_data_says_what_withdrawing_means_and_withdraws_on_the_button(client):
    user = consenting_user()
    user.language = "en"
    user.save()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    page = client.get(reverse("my_data")).content.decode()
    assert "stops sending your personal data outside your country" in page
    assert "withdrawing it means deleting your account" in page
    assert reverse("delete_account") in page

    response = client.post(reverse("consent_withdraw"), {"kind": "transfer"}, follow=True)
    assert "We no longer use your data for this purpose" in response.content.decode()
    assert user.consents.get(kind="transfer").withdrawn_at is not None
    assert user.consents.get(kind="contact").withdrawn_at is None
