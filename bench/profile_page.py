"""Where a page's CPU goes: one page, many times, in-process, with cProfile.

    DEBUG=0 SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 PORTAL_URL=https://127.0.0.1 \\
    DATABASE_URL=postgres://…/cd_bench REDIS_URL=redis://127.0.0.1:6379/3 \\
    .venv/bin/python bench/profile_page.py /requests/ --user ana.popescu@alfa.example

Runs against the configured database as it is (after ``demo_data`` or ``scale_data``)
with the settings bench/pages.py serves (bench.floor.stack; its static files' manifest is
there once bench/pages.py has run), through the whole middleware stack with Django's test
client, but without the test environment's instrumented template rendering. Prints the
CPU time per request (process time, so a busy machine does not inflate it) and the
functions that take the most of it. The queries a page makes: the SQL column of
bench/pages.py.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.floor.stack")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from clientdesk.accounts.models import User  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--user", metavar="EMAIL")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats order: tottime, calls…")
    args = parser.parse_args()
    client = Client(SERVER_NAME="127.0.0.1")
    if args.user:
        client.force_login(User.objects.get(email=args.user))
    for _ in range(20):
        status = client.get(args.path).status_code
    if status != 200:
        sys.exit(f"{args.path} answered {status}")
    started = time.process_time()
    for _ in range(args.runs):
        client.get(args.path)
    cpu = (time.process_time() - started) * 1000 / args.runs
    print(f"{args.path}: {cpu:.2f} ms of CPU a request ({args.runs} runs)")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.runs):
        client.get(args.path)
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
