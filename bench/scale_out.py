"""Scale-out, shown running: two app processes and two workers, one PostgreSQL, one Redis.

    .venv/bin/python bench/scale_out.py --database postgres://postgres@127.0.0.1:5432/cd_h5 \
        --redis redis://127.0.0.1:6379/15 [--prepare] [--tasks 12]

--prepare migrates the (empty) database, loads the demo data and runs the tasks it queued
once. Each run empties the given Redis database (sessions, cache and rate-limit counters
start afresh), starts a mail server of its own and, in production settings (DEBUG=0):
app A and app B (gunicorn, one process each), worker-1 and worker-2 (``db_worker``) and the
lease timer (``tasks_requeue --every 1``; production runs it from cron, or every 10 s). Then:

1. Ana signs in through the real form on A; B serves her dashboard with the same cookie.
2. Wrong passwords for Mihai, alternately on A and B, are refused after the shared limit.
3. A queues --tasks e-mails (password-reset requests); each is sent once, by one worker.
4. A worker is killed (SIGKILL) while it talks to the mail server; the other one sends it.

Every step prints PASS or FAIL (the exit status is the number of failures); every process
is stopped at the end, whatever happened.
"""

import argparse
import asyncio
import html
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack, suppress
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
# What the load balancer forwards to every app process: the portal's one address.
HOST = "127.0.0.1"
ORIGIN = f"https://{HOST}"
PASSWORD = "clientdesk-demo"  # noqa: S105  # nosec B105  # the demo accounts' (PRODUCT.md)
SIGNS_IN = "ana.popescu@alfa.example"
ATTACKED = "mihai.ionescu@alfa.example"
SLOW = "scaleout-killed@example.org"
SEND_EMAIL = "clientdesk.core.tasks.send_email"
POLL_SECONDS = 0.2  # a worker's look for a task when idle (db_worker's default is 1)
TIMER_SECONDS = 1  # the lease timer's look for lost tasks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: str, redis: str, mail_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "scale-out-" + "x" * 60,
        "ALLOWED_HOSTS": HOST,
        "PORTAL_URL": ORIGIN,
        "SECURE_SSL_REDIRECT": "0",  # the balancer ends TLS; it says so in X-Forwarded-Proto
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}?timeout=60",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "clientdesk.settings",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",  # the processes' logs as they happen
    }


class Inbox:
    """The mail server's side: the Message-ID of every message delivered to each address.
    The first connection that names SLOW as recipient is held there until released, so the
    worker sending it is mid-task, before any of the message was sent."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, str]] = []
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address == SLOW and not self.held.is_set():
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 120)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        self.delivered.extend((address, message_id) for address in envelope.rcpt_tos)
        return "250 OK"

    def to(self, addresses: set[str]) -> list[tuple[str, str]]:
        return [item for item in list(self.delivered) if item[0] in addresses]


class Browser:
    """One browser's cookies, sent to whichever app process the balancer picked."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, path: str, form: dict[str, str] | None = None):
        body = None
        if form is not None:  # the form's page first, for its CSRF token and cookie
            body = urlencode({"csrfmiddlewaretoken": self.csrf_token(port, path), **form})
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if form is not None:
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": ORIGIN,
                "Referer": ORIGIN + path,
            }
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("POST" if form is not None else "GET", path, body, headers)
            response = connection.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep(value)
            return response.status, response.getheader("Location"), response.read().decode()
        finally:
            connection.close()

    def csrf_token(self, port: int, path: str) -> str:
        _status, _location, page = self.request(port, path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def _keep(self, header: str) -> None:
        name, _, rest = header.partition("=")
        value, _, attributes = rest.partition(";")
        if "max-age=0" in attributes.lower().replace(" ", ""):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


class Processes:
    """The processes this run started, each in a session of its own (gunicorn's workers
    included), so that stopping one stops all of its own."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115  # the child keeps it
        process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        self.running[name] = process
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.running.pop(name)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(30)

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name, signal.SIGTERM)

    def log(self, name: str) -> list[str]:
        return (self.logs / f"{name}.log").read_text().splitlines()


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def wait_for(what: str, condition, timeout: float = 60, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}")


class Report:
    def __init__(self) -> None:
        self.failures = 0

    def check(self, label: str, passed: bool) -> None:
        self.failures += not passed
        print(f"   {'PASS' if passed else 'FAIL'}  {label}", flush=True)


def sign_in_on_one_served_by_other(report: Report, a: int, b: int) -> None:
    print(f"1. {SIGNS_IN} signs in on app A, then opens her dashboard on app B")
    ana = Browser()
    status, location, _page = ana.request(
        a, "/account/login/", {"login": SIGNS_IN, "password": PASSWORD}
    )
    print(f"   A: POST /account/login/ -> {status} {location}")
    status, _location, page = ana.request(b, location or "/portal/")
    print(f"   B: GET {location} -> {status}, {'Ana Popescu' in page and 'names Ana Popescu'}")
    report.check("B serves the session A signed in", status == 200 and "Ana Popescu" in page)
    report.check("the session is in Redis (cached_db: and in the database)", in_redis(ana))
    status, location, _page = Browser().request(b, location or "/portal/")
    report.check(f"without the cookie B answers {status} to the sign-in", status == 302)


def in_redis(browser: Browser) -> bool:
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import caches

    key = browser.cookies[settings.SESSION_COOKIE_NAME]
    return caches[settings.SESSION_CACHE_ALIAS].get(KEY_PREFIX + key) is not None


def rate_limit_shared(report: Report, a: int, b: int) -> None:
    from django.conf import settings
    from django.utils import translation

    allowed = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[1].split("/")[0])
    refusals = set()
    for language in ("ro", "en"):
        with translation.override(language):
            refusals.add(translation.gettext("Too many failed login attempts. Try again later."))
    print(f"2. wrong passwords for {ATTACKED}, alternately on A and B (limit: {allowed})")
    attacker = Browser()
    failures = Counter()
    refused_at = None
    for attempt in range(1, allowed + 3):
        app, port = ("A", a) if attempt % 2 else ("B", b)
        status, _location, page = attacker.request(
            port, "/account/login/", {"login": ATTACKED, "password": "not-the-password"}
        )
        refused = any(message in html.unescape(page) for message in refusals)
        print(f"   attempt {attempt} on {app}: {status}, {'refused' if refused else 'wrong'}")
        if refused:
            refused_at = attempt
            break
        failures[app] += 1
    report.check(
        f"refused at attempt {refused_at}: A counted {failures['A']} failures, B "
        f"{failures['B']}, the limit saw them all",
        refused_at == allowed + 1,
    )


def queue_password_resets(browser: Browser, port: int, addresses: list[str]) -> None:
    for address in addresses:
        status, _location, _page = browser.request(
            port, "/account/password/reset/", {"email": address}
        )
        if status != 302:
            raise RuntimeError(f"password reset for {address} answered {status}")


def tasks_for(addresses: set[str]) -> dict[str, tuple]:
    """The send_email task of each address's message, with the outbox row's state."""
    from django_tasks_db.models import DBTaskResult

    from clientdesk.core.models import OutboundEmail

    messages = {row.pk: row for row in OutboundEmail.objects.filter(to__in=addresses)}
    found = {}
    for task in DBTaskResult.objects.filter(task_path=SEND_EMAIL).order_by("enqueued_at"):
        message = messages.get(task.args_kwargs["args"][0])
        if message is not None:
            found[message.to] = (task, message)
    return found


def finished(addresses: set[str]) -> dict[str, tuple]:
    """The tasks of these addresses' e-mails once every one has succeeded, else nothing."""
    found = tasks_for(addresses)
    done = len(found) == len(addresses) and all(t.status == "SUCCESSFUL" for t, _ in found.values())
    return found if done else {}


def _status(address: str) -> str:
    return tasks_for({address})[address][0].status


def tasks_done_once(report: Report, a: int, count: int, inbox: Inbox) -> None:
    addresses = [f"scaleout-{n:02}@example.org" for n in range(1, count + 1)]
    print(f"3. app A queues {count} e-mails (password-reset requests for unknown addresses)")
    started = time.monotonic()
    queue_password_resets(Browser(), a, addresses)
    queued = time.monotonic() - started
    wait_for("the e-mails", lambda: len(inbox.to(set(addresses))) >= count)
    sent = time.monotonic() - started
    tasks = wait_for("their tasks to finish", lambda: finished(set(addresses)))
    by_worker = Counter(task.worker_ids[-1] for task, _message in tasks.values())
    print(f"   queued in {queued:.2f} s; all delivered {sent:.2f} s after the first was queued")
    print(f"   done by: {', '.join(f'{w} {n}' for w, n in sorted(by_worker.items()))}")
    delivered = Counter(message_id for _to, message_id in inbox.to(set(addresses)))
    report.check(
        f"{len(delivered)} messages, each delivered {set(delivered.values())} time(s)",
        len(delivered) == count and set(delivered.values()) == {1},
    )
    report.check(
        f"{len(tasks)} tasks, each run by one worker and once",
        len(tasks) == count and all(len(task.worker_ids) == 1 for task, _m in tasks.values()),
    )
    report.check("both workers took part", len(by_worker) == 2)


def killed_worker_task_taken_over(report: Report, b: int, inbox: Inbox, procs: Processes) -> None:
    from clientdesk.core.task_leases import CLAIM_GRACE

    print("4. app B queues one e-mail; the mail server holds the worker sending it; SIGKILL")
    queue_password_resets(Browser(), b, [SLOW])
    wait_for("the worker to reach the mail server", inbox.held.is_set)
    task, _message = tasks_for({SLOW})[SLOW]
    victim = task.worker_ids[-1]
    survivor = next(name for name in ("worker-1", "worker-2") if name != victim)
    procs.kill(victim)
    killed = time.monotonic()
    inbox.release.set()  # the held connection's worker is gone: its handler may return
    print(f"   {victim} killed mid-task (task {task.pk}, running since {task.started_at:%X})")
    wait_for("the lease timer to re-queue it", lambda: _status(SLOW) != "RUNNING", timeout=120)
    print(f"   re-queued {time.monotonic() - killed:.1f} s after the kill")
    wait_for("the other worker to send it", lambda: inbox.to({SLOW}), timeout=60)
    task, message = wait_for("its task to finish", lambda: finished({SLOW}))[SLOW]
    took = time.monotonic() - killed
    print(
        f"   sent by {task.worker_ids[-1]} {took:.1f} s after the kill; workers: {task.worker_ids}"
    )
    for line in procs.log("lease-timer"):
        print(f"   lease-timer: {line}")
    print(
        f"   (a task is looked at once it has run {CLAIM_GRACE.seconds} s; the timer looks every "
        f"{TIMER_SECONDS} s, a worker every {POLL_SECONDS} s)"
    )
    report.check(f"done by the surviving {survivor}", task.worker_ids == [victim, survivor])
    report.check(
        f"delivered {len(inbox.to({SLOW}))} time(s), outbox row {message.status}, "
        f"{message.attempts} attempt recorded",
        len(inbox.to({SLOW})) == 1 and message.status == "sent" and message.attempts == 1,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="postgres://… (PostgreSQL)")
    parser.add_argument("--redis", required=True, help="redis://…/N: a database of its own")
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--tasks", type=int, default=12, help="at most 20 (the reset limit)")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    inbox = Inbox()
    mail_port = free_port()
    env = environment(args.database, args.redis, mail_port)
    if args.prepare:
        manage(env, "migrate", "--noinput", "-v0")
        manage({**env, "DEBUG": "1"}, "demo_data", "-v0")  # it refuses production mode
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)  # this script reads the same database, with the ORM
    sys.path.insert(0, str(ROOT))
    import django
    import redis

    django.setup()
    redis.Redis.from_url(args.redis).flushdb()

    report = Report()
    a, b = free_port(), free_port()
    with ExitStack() as cleanup, tempfile.TemporaryDirectory() as logs:
        smtp = Controller(inbox, hostname="127.0.0.1", port=mail_port)
        smtp.start()
        cleanup.callback(smtp.stop)
        cleanup.callback(inbox.release.set)
        procs = Processes(env, Path(logs))
        cleanup.callback(procs.stop_all)
        if args.prepare:  # what the demo data queued (PDFs, e-mails) first, out of the way
            manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")
        for name, port in (("app-A", a), ("app-B", b)):
            procs.start(
                name,
                GUNICORN,
                "clientdesk.wsgi",
                "--workers=1",
                f"--bind=127.0.0.1:{port}",
                "--no-control-socket",  # else both would take gunicorn's one default path
            )
        for name in ("worker-1", "worker-2"):
            procs.start(
                name,
                PYTHON,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                f"--interval={POLL_SECONDS}",
                f"--worker-id={name}",
            )
        # Production runs it from cron every minute, or as this process with --every 10.
        procs.start("lease-timer", PYTHON, "manage.py", "tasks_requeue", f"--every={TIMER_SECONDS}")
        for port in (a, b):
            wait_for(f"app on {port}", lambda port=port: _healthy(port), every=0.2)
        print(f"app A :{a}, app B :{b}, worker-1, worker-2, one PostgreSQL, Redis {args.redis}")
        try:
            sign_in_on_one_served_by_other(report, a, b)
            rate_limit_shared(report, a, b)
            tasks_done_once(report, a, args.tasks, inbox)
            killed_worker_task_taken_over(report, b, inbox, procs)
        except Exception as error:  # reported with the processes' logs
            report.check(f"the run stopped: {error!r}", False)
            for name in procs.running:
                print(f"--- {name}", *procs.log(name)[-15:], sep="\n")
    print(f"{'PASS' if not report.failures else 'FAIL'}: {report.failures} failure(s)")
    return report.failures


def _healthy(port: int) -> bool:
    try:
        return Browser().request(port, "/healthz")[0] == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
