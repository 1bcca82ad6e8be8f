"""Whether a sign-up's answer tells a known address from a new one, timed.

    .venv/bin/python bench/signup_timing.py [--runs 30]

Migrates a throw-away SQLite database, makes ``--runs`` users, then POSTs the sign-up form
through Django's test client and the whole middleware stack, alternately for one of those
addresses (allauth sends the "account exists" mail, creates nothing) and for a new one
(the account, its consents, the verification mail), with the portal's real Argon2 hasher.
Each sign-up comes from its own address (the sign-up rate limit) and each known address
is used once (allauth mails an address at most every 3 minutes). Prints the median and
90th percentile of each path, with the portal's sign-up form and with allauth's own
(which skips the password's hashing for a known address).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLIENTDESK_VAR_DIR"] = tempfile.mkdtemp(prefix="signup-timing-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from clientdesk.accounts.models import User  # noqa: E402
from tests.accounts.test_signup import VALID as FORM  # noqa: E402  the tests' valid sign-up


def timed(email: str, n: int) -> float:
    client = Client(REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    start = time.perf_counter()
    response = client.post("/account/signup/", {**FORM, "email": email})
    elapsed = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    return elapsed * 1000


def measure(label: str, runs: int, offset: int) -> None:
    known = [
        User.objects.create_user(email=f"known{offset + i}@bench.example", password=None).email
        for i in range(runs)
    ]
    times: dict[str, list[float]] = {"known": [], "new": []}
    for i in range(runs):
        times["known"].append(timed(known[i], offset + 2 * i))
        times["new"].append(timed(f"new{offset + i}@bench.example", offset + 2 * i + 1))
    for path, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(
            f"{label:<28} {path:<6} median {statistics.median(values):6.0f} ms  p90 {p90:6.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    timed("warm-up@bench.example", 60000)  # imports, templates, the common-password list
    measure("portal (known path hashes)", args.runs, 0)
    with override_settings(ACCOUNT_FORMS={}):
        measure("allauth's own form", args.runs, 10000)


if __name__ == "__main__":
    main()
