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


def test_the_database_checks_pass_with_no_warning_on_sqlite(tmp_path):
    # The demo's and the fresh clone's database: the covering indexes warn there (W040).
    env = {**PROD, "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    result = manage("check", "--database", "default", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "W040" not in result.stderr


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


# Exactly the names production needs: the services' addresses may stay unset (SQLite, no mail).
MINIMAL = {key: PROD[key] for key in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "PATH")}


def python_in_django(code: str, *, env: dict) -> list[str]:
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_starts_with_only_a_secret_key_and_the_allowed_hosts():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=MINIMAL)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr


def test_the_portal_address_defaults_to_https_on_the_first_allowed_host():
    env = {**MINIMAL, "ALLOWED_HOSTS": "portal.vendor.ro,www.vendor.ro"}
    code = "from django.conf import settings; print(settings.PORTAL_URL)"
    assert python_in_django(code, env=env) == ["https://portal.vendor.ro"]


def test_an_explicit_portal_address_wins():
    env = {**MINIMAL, "PORTAL_URL": "https://clienti.vendor.ro/"}
    code = "from django.conf import settings; print(settings.PORTAL_URL)"
    assert python_in_django(code, env=env) == ["https://clienti.vendor.ro"]


def test_production_refuses_a_portal_address_that_is_not_https():
    result = manage("check", env={**PROD, "PORTAL_URL": "http://portal.example.com"})
    assert result.returncode != 0
    assert "PORTAL_URL" in result.stderr


def test_a_host_pattern_names_no_portal_address():
    result = manage("check", env={**MINIMAL, "ALLOWED_HOSTS": ".example.com"})
    assert result.returncode != 0
    assert "PORTAL_URL" in result.stderr


def test_the_health_check_answers_over_plain_http_while_pages_redirect_to_https(tmp_path):
    # The production settings as they are, through the whole middleware stack.
    code = (
        "from django.test import Client; client = Client(HTTP_HOST='portal.example.com'); "
        "print(client.get('/healthz').status_code, client.get('/').status_code)"
    )
    env = {**MINIMAL, "ALLOWED_HOSTS": "portal.example.com", "CLIENTDESK_VAR_DIR": str(tmp_path)}
    assert python_in_django(code, env=env) == ["200", "301"]


def test_with_debug_unset_and_no_local_file_the_portal_runs_in_production(tmp_path):
    bare = {"PATH": os.environ["PATH"], "CLIENTDESK_ENV_FILE": str(tmp_path / "missing")}
    result = manage("check", env=bare)
    assert result.returncode != 0
    assert "DEBUG=0 needs a SECRET_KEY" in result.stderr


def test_the_checkouts_local_file_sets_development_mode(tmp_path):
    local = tmp_path / ".env"
    local.write_text("# written by make install\nDEBUG=1\n")
    env = {"PATH": os.environ["PATH"], "CLIENTDESK_ENV_FILE": str(local)}
    code = "from django.conf import settings; print(settings.DEBUG, settings.DEVELOPMENT)"
    assert python_in_django(code, env=env) == ["True", "True"]


def test_the_environment_wins_over_the_local_file(tmp_path):
    local = tmp_path / ".env"
    local.write_text("DEBUG=1\n")
    result = manage(
        "check", env={"PATH": os.environ["PATH"], "CLIENTDESK_ENV_FILE": str(local), "DEBUG": "0"}
    )
    assert result.returncode != 0
    assert "DEBUG=0 needs a SECRET_KEY" in result.stderr
