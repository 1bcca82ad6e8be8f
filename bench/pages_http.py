"""Pages over HTTP as production serves them: gunicorn, DEBUG=0, PostgreSQL, Redis, wrk.

    .venv/bin/python bench/pages_http.py --database postgres://postgres@127.0.0.1:5432/cd_bench \
        [--prepare] [--seconds 5] [--connections 16] [--workers 2] [--only PATH-PART]

--prepare migrates the database and loads the demo data into it (use an empty one).
Starts two gunicorns: the project (plus /bench/layout/, the base layout with no data)
and, for the framework's floor, Django with no middleware and one small template
(/bench/bare/). Each page gets a warm-up, then wrk with --connections for --seconds;
the CPU time the workers spent is read from /proc, so "CPU ms" is per request and
does not depend on how busy the machine was. The ratio is throughput against the
base layout's.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def environment(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }


SESSIONS = """
from django.conf import settings
from django.test import Client
from clientdesk.accounts.models import User
for email in {emails!r}:
    client = Client()
    client.force_login(User.objects.get(email=email))
    print(email, client.cookies[settings.SESSION_COOKIE_NAME].value)
"""

PATHS = """
from clientdesk.orders.models import Order
from clientdesk.support.models import SupportRequest
order = Order.objects.filter(account__number="C-100245").exclude(shipments=None).first()
request = SupportRequest.objects.filter(account__number="C-100245").order_by("pk").first()
print(order.public_id, request.number)
"""


def manage(env, *args, stdin: str | None = None) -> str:
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def serve(env, settings: str, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "clientdesk.wsgi", f"--workers={workers}", f"--bind=127.0.0.1:{port}"],
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/", timeout=1)
        except urllib.error.HTTPError:
            return server  # it answers (404 is an answer)
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn on {port} did not start")


def workers_cpu(server: subprocess.Popen) -> float:
    """Seconds of CPU the server's worker processes have used (user + system)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def get(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, cookie: str, seconds: int, connections: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])}
    figures["requests"] = float(re.search(r"(\d+) requests in", output)[1])
    for share in ("50", "90", "99"):
        value, unit = re.search(rf"\s{share}%\s+([\d.]+)(us|ms|s)", output).groups()
        figures[f"p{share}"] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    if "Non-2xx" in output:
        figures["errors"] = float(re.search(r"Non-2xx or 3xx responses: (\d+)", output)[1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    env = environment(args.database)
    if args.prepare:
        manage(env, "migrate", "--noinput", "-v0")
        manage({**env, "DEBUG": "1"}, "demo_data", "-v0")  # it refuses production mode
    manage(env, "collectstatic", "--noinput", "-v0")
    emails = ["ana.popescu@alfa.example", "agent@vendor.example"]
    sessions = dict(
        line.split()
        for line in manage(env, "shell", "-v0", stdin=SESSIONS.format(emails=emails)).split("\n")
        if "@" in line
    )
    order, number = manage(env, "shell", "-v0", stdin=PATHS).split()
    ana, agent = (f"sessionid={sessions[email]}" for email in emails)
    stack = serve(env, "bench.floor.stack", 8781, args.workers)
    bare = serve(env, "bench.floor.bare", 8782, args.workers)
    pages = [
        ("bare Django view", 8782, "/bench/bare/", ""),
        ("base layout, visitor", 8781, "/bench/layout/", ""),
        ("base layout, signed in", 8781, "/bench/layout/", ana),
        ("home", 8781, "/", ""),
        ("FAQ search", 8781, "/faq/search/?q=contractul+de+mentenanta", ""),
        ("KB search API", 8781, "/api/v1/kb/search?q=factura&lang=ro", ""),
        ("dashboard", 8781, "/portal/", ana),
        ("my requests", 8781, "/requests/", ana),
        ("a request", 8781, f"/requests/{number}/", ana),
        ("new request form", 8781, "/requests/new/?type=general-question", ana),
        ("my orders", 8781, "/orders/", ana),
        ("an order", 8781, f"/orders/{order}/", ana),
        ("profile", 8781, "/profile/", ana),
        ("staff queue", 8781, "/staff/requests/", agent),
        ("staff request", 8781, f"/staff/requests/{number}/", agent),
    ]
    servers = {8781: stack, 8782: bare}
    print(f"{args.workers} workers, {args.connections} connections, {args.seconds} s a page")
    print("| page | req/s | p50 ms | p90 ms | p99 ms | CPU ms/req | ratio to layout |")
    print("|---|---|---|---|---|---|---|")
    floor = None
    try:
        for label, port, path, cookie in pages:
            if args.only and args.only not in path and args.only not in label:
                continue
            url = f"http://127.0.0.1:{port}{path}"
            status = get(url, cookie)
            if status != 200:
                print(f"| {label} | answered {status} | | | | | |")
                continue
            for _ in range(30):
                get(url, cookie)
            before = workers_cpu(servers[port])
            figures = wrk(url, cookie, args.seconds, args.connections)
            cpu = (workers_cpu(servers[port]) - before) * 1000 / figures["requests"]
            if label == "base layout, visitor":
                floor = figures["rps"]
            ratio = f"{figures['rps'] / floor:.2f}" if floor else "-"
            errors = f" ({figures['errors']:.0f} errors)" if "errors" in figures else ""
            print(
                f"| {label}{errors} | {figures['rps']:.0f} | {figures['p50']:.1f} | "
                f"{figures['p90']:.1f} | {figures['p99']:.1f} | {cpu:.1f} | {ratio} |",
                flush=True,
            )
    finally:
        stack.terminate()
        bare.terminate()


if __name__ == "__main__":
    main()
