"""The security headers on every answer (pages, static files, error pages), the production
cookies and headers, and gunicorn serving without naming itself."""

import os
import socket
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse

from tests.core.test_settings import MINIMAL, ROOT, python_in_django

CSP = {"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"}


def assert_security_headers(response) -> None:
    assert {part.strip() for part in response["Content-Security-Policy"].split(";")} >= CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "payment=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/faq/", "/favicon.ico", "/no-such-page/", "/?q=%00"])
def test_every_answer_carries_the_security_headers(client, url):
    assert_security_headers(client.get(url))


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_carries_the_security_headers_too(client):
    client.raise_request_exception = False

    response = client.get("/test/broken/")

    assert response.status_code == 500
    assert_security_headers(response)


@pytest.mark.django_db
def test_a_signed_in_page_still_carries_them(client, alfa_admin):
    client.force_login(alfa_admin)

    assert_security_headers(client.get(reverse("dashboard")))


def test_production_uses_host_prefixed_secure_cookies_and_sends_hsts(tmp_path):
    code = (
        "from django.conf import settings as s; from django.test import Client; "
        "r = Client(HTTP_HOST='portal.example.com').get('/favicon.ico', secure=True); "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH, "
        "r.status_code, r['Strict-Transport-Security'].replace(' ', ''), "
        "r['Cross-Origin-Resource-Policy'], 'Content-Security-Policy' in r)"
    )
    env = {**MINIMAL, "ALLOWED_HOSTS": "portal.example.com", "CLIENTDESK_VAR_DIR": str(tmp_path)}

    assert python_in_django(code, env=env) == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "Lax",
        "None",
        "None",
        "/",
        "200",
        "max-age=31536000;includeSubDomains;preload",
        "same-origin",
        "True",
    ]


def test_gunicorn_serves_the_portal_without_a_server_header(tmp_path):
    # The test listens and hands the socket to gunicorn: a request waits in its backlog
    # until gunicorn is ready, with no polling.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    env = {**os.environ, "DEBUG": "1", "CLIENTDESK_VAR_DIR": str(tmp_path)}
    gunicorn = [sys.executable, "-m", "gunicorn", "clientdesk.wsgi", "--workers", "1"]
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"fd://{listener.fileno()}"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stderr=subprocess.DEVNULL,
    )
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=30) as answer:
            headers = answer.headers
    finally:
        server.terminate()
        server.wait(timeout=30)
        listener.close()

    assert "Server" not in headers
    assert headers["Permissions-Policy"].startswith("accelerometer=()")
