import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "portal.example.com",
    "PORTAL_URL": "https://portal.example.com",
    "PATH": os.environ["PATH"],
}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_passes_with_no_warning_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PROD)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PROD.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", env={**PROD, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_the_portal_address():
    result = manage("check", env={**PROD, "PORTAL_URL": ""})
    assert result.returncode != 0
    assert "PORTAL_URL" in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = manage("check", env={**PROD, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be 0 or 1" in result.stderr
