"""Passwords are Argon2id at OWASP's minimum; older hashes still verify and are renewed."""

from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)

from clientdesk.accounts.hashers import PortalArgon2PasswordHasher


def test_a_new_hash_takes_19_mib_two_passes_one_lane():
    encoded = PortalArgon2PasswordHasher().encode("corect-cal-baterie", "somesalt12345678")
    assert "$argon2id$" in encoded
    assert "m=19456,t=2,p=1" in encoded


def test_a_hash_with_djangos_defaults_verifies_and_is_renewed(settings):
    settings.PASSWORD_HASHERS = [
        "clientdesk.accounts.hashers.PortalArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    old = Argon2PasswordHasher().encode("corect-cal-baterie", Argon2PasswordHasher().salt())
    renewed = []
    assert check_password("corect-cal-baterie", old, setter=renewed.append)
    assert renewed == ["corect-cal-baterie"]  # Django re-hashes it with the new parameters
    assert identify_hasher(make_password("x")).algorithm == "argon2"
