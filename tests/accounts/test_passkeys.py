"""Passkeys without a browser: the sign-in page's wiring and the server's half of it.

The WebAuthn ceremonies themselves run in tests/e2e/test_passkeys.py.
"""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_sign_in_page_offers_a_passkey_with_its_form_inside_the_page(client):
    html = client.get(reverse("account_login")).content.decode()

    head, body = html.split("</head>", 1)
    assert "<form" not in head
    main = body.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert 'id="passkey_login"' in main
    assert 'form="mfa_login"' in main
    assert f'<form id="mfa_login" action="{reverse("mfa_login_webauthn")}"' in main
    assert "Conectați-vă cu o cheie de acces" in main


@pytest.mark.django_db
def test_the_passkey_sign_in_hands_the_browser_a_challenge_for_any_discoverable_key(client):
    response = client.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json")

    options = response.json()["request_options"]["publicKey"]
    assert options["challenge"]
    assert options["rpId"] == "testserver"
    assert options.get("allowCredentials", []) == []
