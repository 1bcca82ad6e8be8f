import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.urls import reverse

from clientdesk.accounts.models import Consent, User
from clientdesk.core.models import Event, OutboundEmail

VALID = {
    "email": "radu.stan@gamma.example",
    "password1": "Munte-Verde-2026!",
    "password2": "Munte-Verde-2026!",
    "first_name": "Radu",
    "last_name": "Stan",
    "phone": "0722 555 109",
    "company": "Gamma Energie SRL",
    "job_title": "Achiziții",
    "country": "RO",
    "language": "ro",
    "consent_contact": "on",
    "consent_transfer": "on",
}
MANDATORY = [
    "email",
    "password1",
    "first_name",
    "last_name",
    "phone",
    "company",
    "job_title",
    "country",
    "language",
    "consent_contact",
    "consent_transfer",
]


@pytest.mark.django_db
@pytest.mark.parametrize("field", MANDATORY)
def test_it_refuses_each_missing_field_with_a_message_on_that_field_and_keeps_the_rest(
    client, field
):
    data = {key: value for key, value in VALID.items() if key != field}
    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert not User.objects.exists()
    page = response.content.decode()
    # What else was typed is still in the form.
    for kept in ("first_name", "last_name", "company", "job_title"):
        if kept != field:
            assert f'value="{VALID[kept]}"' in page


@pytest.mark.django_db
def test_it_refuses_an_invalid_phone_number_on_the_phone_field(client):
    response = client.post(reverse("account_signup"), {**VALID, "phone": "12"})
    assert "phone" in response.context["form"].errors


@pytest.mark.django_db
def test_it_refuses_a_weak_password(client):
    data = {**VALID, "password1": "password", "password2": "password"}
    response = client.post(reverse("account_signup"), data)
    assert "password1" in response.context["form"].errors


@pytest.mark.django_db(transaction=True)
def test_registration_stores_the_profile_each_consent_with_version_and_time_and_asks_to_verify(
    client,
):
    response = client.post(reverse("account_signup"), VALID)

    assert response.status_code == 302
    user = User.objects.get(email=VALID["email"])
    assert (user.first_name, user.company, user.phone) == (
        "Radu",
        "Gamma Energie SRL",
        "+40 722 555 109",
    )
    consents = {consent.kind: consent for consent in user.consents.all()}
    assert set(consents) == {Consent.Kind.CONTACT, Consent.Kind.TRANSFER}
    for consent in consents.values():
        assert consent.version == settings.CONSENT_VERSION
        assert consent.given_at is not None
        assert consent.text
    assert not EmailAddress.objects.get(user=user).verified
    assert OutboundEmail.objects.filter(to=VALID["email"]).count() == 1
    assert Event.objects.about(user).filter(kind="user.registered").exists()


@pytest.mark.django_db(transaction=True)
def test_an_unverified_user_cannot_sign_in_or_reach_the_dashboard(client):
    client.post(reverse("account_signup"), VALID)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": VALID["email"], "password": VALID["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_country_names_follow_the_language_of_each_request():
    Client().get(reverse("account_signup"))  # a first render in Romanian
    english = Client()
    english.cookies["django_language"] = "en"
    assert (
        '<option value="RO" selected>Romania</option>'
        in english.get(reverse("account_signup")).content.decode()
    )
    assert (
        '<option value="RO" selected>România</option>'
        in Client().get(reverse("account_signup")).content.decode()
    )


@pytest.mark.django_db
def test_a_known_address_hashes_its_password_like_a_new_one(client, settings):
    """The same work for both, so that the answer's time does not tell them apart."""
    from tests.accounts.counting_hasher import CountingHasher

    settings.PASSWORD_HASHERS = ["tests.accounts.counting_hasher.CountingHasher"]
    CountingHasher.hashed.clear()
    assert client.post(reverse("account_signup"), VALID).status_code == 302
    assert CountingHasher.hashed == [VALID["password1"]]
    again = {**VALID, "password1": "Alt-Munte-Verde-2027", "password2": "Alt-Munte-Verde-2027"}
    assert Client().post(reverse("account_signup"), again).status_code == 302
    assert CountingHasher.hashed == [VALID["password1"], "Alt-Munte-Verde-2027"]
    assert User.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "password", "message"),
    [
        ("ro", "Munte-Verde", "Parola este prea scurtă: folosiți cel puțin 12 caractere."),
        ("en", "Munte-Verde", "This password is too short: use at least 12 characters."),
        ("ro", "1qaz2wsx3edc", "Această parolă este una dintre cele mai folosite: alegeți alta."),
        ("en", "1qaz2wsx3edc", "This password is one of the most common ones: choose another."),
    ],
)
def test_a_short_or_common_password_is_refused_in_the_users_language(
    client, language, password, message
):
    data = {**VALID, "password1": password, "password2": password}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("account_signup"), data)
    assert response.context["form"].errors["password1"] == [message]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_sign_up_and_password_forms_say_the_rule_up_front(client):
    from tests.factories import PASSWORD, UserFactory

    rule = "Cel puțin 12 caractere"
    assert rule in client.get(reverse("account_signup")).content.decode()
    user = UserFactory(language="ro")
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert rule in client.get(reverse("account_change_password")).content.decode()
