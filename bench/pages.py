"""Pages over HTTP as production serves them: gunicorn, DEBUG=0, PostgreSQL, Redis, wrk.

    .venv/bin/python bench/pages.py --prepare \\
        --database postgres://postgres@127.0.0.1:5432/cd_bench --redis redis://127.0.0.1:6379/3
    .venv/bin/python bench/pages.py --existing --database postgres://…/cd_scale --redis … \\
        --user big.admin@scale.example --user small.user@scale.example [--json FILE]

--prepare migrates the database and loads the demo data into it (use an empty one); the
users are then the demo's ana.popescu@alfa.example and elena.dumitru@beta.example.
--existing measures the database as it is (e.g. after ``manage.py scale_data``); name the
users with --user, the largest account's first: its 5-year statement has the 300 ms budget.
The staff queue is measured as --staff (default agent@vendor.example), made a support
agent in the database when it is not there (the scale data has no staff).

Each user's pages are built from their own data (bench/floor/plan.py); a page whose object
the user does not have is an "n/a" row. Before the load, each page's SQL queries are counted
with one in-process request (same settings, same database), and each page must answer 200
over HTTP, not a redirect: the run stops otherwise.

Two gunicorns with --workers sync workers: the project, plus /bench/layout/ (the base
layout with no data query: the floor every page's throughput is divided by), and, as an
extra reference row, Django with no middleware and one small template (/bench/bare/). Each
page gets a one-second warm-up, then wrk with --connections for --seconds; p50/p95/p99 come
from wrk's own histogram (a Lua done() hook); "CPU ms" is the workers' CPU time from /proc
divided by the requests, so it does not depend on how busy the machine was; "DB CPU" the
same for the database's PostgreSQL backends when PostgreSQL runs on this machine; "workers on
CPU" is the share of the workers' time that CPU fills (req/s x CPU ms / workers): well
below 100%, they waited, for the database or for a core a neighbour held. The floor is
measured again at the end, to show how much the machine changed during the run. After the
run, each project worker's resident memory (VmRSS) and its peak (VmHWM).
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CLK_TCK = os.sysconf("SC_CLK_TCK")
STACK_PORT, BARE_PORT = 8781, 8782
DEMO_USERS = ["ana.popescu@alfa.example", "elena.dumitru@beta.example"]

# Issue 15's budgets.
P99_MS = 100.0
LARGEST_STATEMENT_P99_MS = 300.0  # the largest account's 5-year statement
FLOOR_SHARE = 0.5  # of the base layout's throughput
RSS_MB = 200.0

# wrk's summary as one line of JSON; latencies in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %.0f, "duration_us": %.0f, "bad_status": %.0f, "socket_errors": %.0f,'
    .. ' "timeouts": %.0f, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, "max_us": %.0f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Budget:
    p99_ms: float
    floor_share: float | None  # None: no throughput budget


@dataclass
class Target:
    label: str
    who: str
    port: int
    path: str | None
    cookie: str = ""
    queries: int | None = None
    budget: Budget | None = None
    missing: str = ""


@dataclass
class Result:
    label: str
    who: str
    path: str | None
    queries: int | None
    missing: str = ""
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    cpu_ms: float = 0.0
    db_cpu_ms: float | None = None  # None: the database runs on another machine
    busy: float = 0.0  # the share of the workers' time spent on their own CPU
    ratio: float | None = None
    errors: int = 0
    verdict: str = "-"
    failures: list[str] = field(default_factory=list)


def budget_for(label: str, largest: bool) -> Budget:
    if largest and label.startswith("statement, 5"):
        return Budget(LARGEST_STATEMENT_P99_MS, None)
    return Budget(P99_MS, FLOOR_SHARE)


def judge(result: Result, budget: Budget | None) -> None:
    """Pass or fail against the page's budget; a row with failed requests fails whatever."""
    failures = []
    if result.errors:
        failures.append(f"{result.errors} failed requests")
    if budget is not None:
        if result.p99_ms >= budget.p99_ms:
            failures.append(f"p99 {result.p99_ms:.0f} >= {budget.p99_ms:.0f} ms")
        if budget.floor_share is not None and (result.ratio or 0) < budget.floor_share:
            failures.append(f"{result.ratio:.2f} of the floor < {budget.floor_share}")
    result.failures = failures
    result.verdict = "FAIL" if failures else "pass" if budget else "-"


def parse_wrk(output: str) -> dict[str, float]:
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    return {
        "requests": figures["requests"],
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "errors": figures["bad_status"] + figures["socket_errors"] + figures["timeouts"],
        **{f"p{share}_ms": figures[f"p{share}_us"] / 1000 for share in (50, 95, 99)},
    }


def environment(database: str, redis: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database,
        # The workers' PostgreSQL backends live through the run, so that their CPU can be
        # read (a production worker reconnects once a minute: nothing measurable).
        "DB_CONN_MAX_AGE": "3600",
        "REDIS_URL": redis,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "bench.floor.stack",
    }


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")


def plan(users: list[str], staff: str) -> list[Target]:
    """Every row of the run, signed in, with its query count (in this process, Django set
    up with the servers' settings: the caller has put their environment in os.environ)."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from bench.floor import plan as pages
    from clientdesk.accounts.models import User

    cookie_name = settings.SESSION_COOKIE_NAME
    clients: dict[str, Client] = {}

    def client(who: str) -> Client:
        if who not in clients:
            clients[who] = Client(SERVER_NAME="127.0.0.1")
            if who != pages.VISITOR:
                clients[who].force_login(User.objects.get(email=who))
        return clients[who]

    def target(page, budget: Budget | None, port: int = STACK_PORT) -> Target:
        signed_in = page.who != pages.VISITOR
        return Target(
            page.label,
            page.who,
            port,
            page.path,
            f"{cookie_name}={client(page.who).cookies[cookie_name].value}" if signed_in else "",
            pages.query_count(client(page.who), page.path) if page.path else None,
            budget,
            page.missing,
        )

    pages.support_agent(staff)
    layout = "/bench/layout/"
    targets = [
        # The bare view runs under other settings: its queries are not counted (it has none).
        Target("bare Django view (reference)", pages.VISITOR, BARE_PORT, "/bench/bare/"),
        target(pages.Page("base layout (the floor)", pages.VISITOR, layout), None),
        target(pages.Page("base layout, signed in (reference)", users[0], layout), None),
    ]
    for position, email in enumerate(users):
        user = User.objects.get(email=email)
        for page in pages.customer_pages(user):
            targets.append(target(page, budget_for(page.label, largest=position == 0)))
    for page in (pages.staff_queue(staff), pages.kb_search()):
        targets.append(target(page, budget_for(page.label, largest=False)))
    targets.append(target(pages.Page("base layout, again at the end", pages.VISITOR, layout), None))
    connections.close_all()
    return targets


@contextlib.contextmanager
def servers(env: dict[str, str], workers: int, log: Path) -> Iterator[dict[int, subprocess.Popen]]:
    running: dict[int, subprocess.Popen] = {}
    try:
        for settings, port in (("bench.floor.stack", STACK_PORT), ("bench.floor.bare", BARE_PORT)):
            running[port] = serve(env, settings, port, workers, log)
        yield running
    finally:
        for server in running.values():
            server.terminate()
        for server in running.values():
            server.wait(timeout=30)


def serve(env, settings: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    with log.open("a") as errors:
        server = subprocess.Popen(
            [GUNICORN, "clientdesk.wsgi", f"--workers={workers}", f"--bind=127.0.0.1:{port}"],
            env={**env, "DJANGO_SETTINGS_MODULE": settings},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    for _ in range(150):
        if get(port, "/bench/", "")[0]:  # it answers (404 is an answer)
            return server
        time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn on {port} did not start; its log: {log}")


def get(port: int, path: str, cookie: str) -> tuple[int, bytes]:
    """Status and body of one GET, redirects not followed; (0, b"") when nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        connection.close()


def answer_problem(target: Target) -> str | None:
    assert target.path is not None
    status, body = get(target.port, target.path, target.cookie)
    if status != 200:
        return f"answered {status}"
    if not body.strip():
        return "answered an empty body"
    return None


def workers(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def workers_cpu(server: subprocess.Popen) -> tuple[list[int], float]:
    """The worker processes and the seconds of CPU they have used (user + system)."""
    pids = workers(server)
    return pids, sum(ticks(pid) for pid in pids) / CLK_TCK


def ticks(pid: int) -> int:
    """A process's CPU time so far (user + system), in clock ticks (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def database_cpu(name: str) -> float | None:
    """Seconds of CPU used by the PostgreSQL backends of database ``name`` on this machine
    (found by their process title, "postgres: 15/main: USER NAME HOST(PORT) STATE")."""
    title = re.compile(rb"^postgres: \S+: \S+ " + re.escape(name.encode()) + rb" ")
    total, found = 0, False
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):  # a process that ended meanwhile
            if title.match((proc / "cmdline").read_bytes()):
                total += ticks(int(proc.name))
                found = True
    return total / CLK_TCK if found else None


def settle(server: subprocess.Popen) -> tuple[list[int], float]:
    """Wait for the workers to be idle; their CPU then. When wrk stops, the requests it had
    in flight are still served: they belong to no run, so they must not start the next."""
    pids, cpu = workers_cpu(server)
    for _ in range(100):
        time.sleep(0.1)
        pids, now = workers_cpu(server)
        if now == cpu:
            break
        cpu = now
    return pids, cpu


def memory(server: subprocess.Popen) -> list[dict[str, float]]:
    """Each worker's resident memory now and at its peak, in MB (/proc/PID/status)."""
    found = []
    for pid in workers(server):
        status = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        )
        rss, peak = (int(status[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))
        found.append({"pid": pid, "rss_mb": rss, "peak_mb": peak})
    return found


def wrk(url: str, cookie: str, seconds: int, connections: int, script: str) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += ["-s", script, url]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def measure(target: Target, server: subprocess.Popen, args, script: str, floor: float | None):
    result = Result(target.label, target.who, target.path, target.queries, target.missing)
    if target.path is None:
        return result
    url = f"http://127.0.0.1:{target.port}{target.path}"
    wrk(url, target.cookie, 1, args.connections, script)  # warm-up: every worker, every cache
    pids, before = settle(server)
    database_before = database_cpu(args.database_name)
    figures = wrk(url, target.cookie, args.seconds, args.connections, script)
    pids_after, after = workers_cpu(server)
    database_after = database_cpu(args.database_name)
    result.rps = figures["rps"]
    result.p50_ms, result.p95_ms, result.p99_ms = (figures[f"p{s}_ms"] for s in (50, 95, 99))
    result.cpu_ms = (after - before) * 1000 / max(figures["requests"], 1)
    result.busy = result.rps * result.cpu_ms / 1000 / args.workers
    if database_before is not None and database_after is not None:
        result.db_cpu_ms = (database_after - database_before) * 1000 / max(figures["requests"], 1)
    result.errors = int(figures["errors"])
    result.ratio = result.rps / floor if floor else None
    judge(result, target.budget)
    if pids != pids_after:
        result.failures.append("a worker was restarted: CPU not comparable")
    problem = answer_problem(target)  # still the page, not a sign-in page, after the load
    if problem:
        result.verdict = "FAIL"
        result.failures.append(f"after the load it {problem}")
    return result


def short(who: str) -> str:
    return who.split("@")[0]


def row(result: Result) -> str:
    if result.path is None:
        cells = [f"n/a: {result.missing}", *[""] * (len(COLUMNS) - 4), "-"]
    else:
        verdict = result.verdict
        if result.failures:
            verdict += ": " + "; ".join(result.failures)
        cells = [
            f"{result.rps:.0f}",
            f"{result.p50_ms:.1f}",
            f"{result.p95_ms:.1f}",
            f"{result.p99_ms:.1f}",
            f"{result.cpu_ms:.1f}",
            "-" if result.db_cpu_ms is None else f"{result.db_cpu_ms:.1f}",
            f"{result.busy:.0%}",
            "-" if result.queries is None else str(result.queries),
            "-" if result.ratio is None else f"{result.ratio:.2f}",
            verdict,
        ]
    return "| " + " | ".join([result.label, short(result.who), *cells]) + " |"


COLUMNS = [
    "page",
    "user",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "CPU ms/req",
    "DB CPU ms/req",
    "workers on CPU",
    "SQL",
    "ratio to floor",
    "budget",
]
HEADER = f"| {' | '.join(COLUMNS)} |\n|{'---|' * len(COLUMNS)}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    data = parser.add_mutually_exclusive_group(required=True)
    data.add_argument("--prepare", action="store_true", help="migrate and load the demo data")
    data.add_argument("--existing", action="store_true", help="the database as it is")
    parser.add_argument("--database", required=True, help="postgres://…")
    parser.add_argument("--redis", required=True, help="redis://127.0.0.1:6379/N")
    parser.add_argument("--user", action="append", metavar="EMAIL", help="largest account first")
    parser.add_argument("--staff", default="agent@vendor.example", metavar="EMAIL")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    parser.add_argument("--json", type=Path, metavar="FILE")
    args = parser.parse_args()
    args.database_name = urlsplit(args.database).path.lstrip("/")
    if args.existing and not args.user:
        parser.error("--existing needs the users to measure: --user EMAIL (largest first)")
    users = args.user or DEMO_USERS
    if shutil.which("wrk") is None:
        sys.exit("bench/pages.py needs wrk: apt-get install -y wrk (a Debian package)")

    began = time.monotonic()
    env = environment(args.database, args.redis)
    if args.prepare:
        manage(env, "migrate", "--noinput", "-v0")
        manage({**env, "DEBUG": "1"}, "demo_data", "-v0")  # it refuses production mode
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    targets = [
        t
        for t in plan(users, args.staff)
        if not args.only or args.only in t.label or t.label.startswith("base layout (")
    ]
    heading = (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {args.workers} workers,"
        f" {args.connections} connections, {args.seconds} s a page; {os.cpu_count()} CPUs,"
        f" load average {os.getloadavg()[0]:.1f} at the start; prepared in"
        f" {time.monotonic() - began:.0f} s"
    )
    print(heading, flush=True)
    results, rss = run(targets, env, args)
    print(
        f"\nload average {os.getloadavg()[0]:.1f} at the end;"
        f" {time.monotonic() - began:.0f} s in all"
    )
    print(
        "\n| worker | RSS MB before the load | RSS MB after | peak MB | budget (RSS after) |"
        "\n|---|---|---|---|---|"
    )
    for worker in rss:
        verdict = "pass" if worker["rss_mb"] < RSS_MB else f"FAIL: >= {RSS_MB:.0f} MB"
        print(
            f"| {worker['pid']} | {worker['rss_before_mb']:.0f} | {worker['rss_mb']:.0f}"
            f" | {worker['peak_mb']:.0f} | {verdict} |"
        )
    if args.json:
        report = {"heading": heading, "pages": [asdict(r) for r in results], "workers": rss}
        args.json.write_text(json.dumps(report, indent=2))


def run(targets: list[Target], env: dict[str, str], args) -> tuple[list[Result], list[dict]]:
    """Every page checked, then measured, on the same two servers; the workers' memory."""
    results: list[Result] = []
    with (
        tempfile.TemporaryDirectory() as scratch,
        servers(env, args.workers, Path(scratch) / "gunicorn.log") as running,
    ):
        before = {worker["pid"]: worker["rss_mb"] for worker in memory(running[STACK_PORT])}
        problems = [
            f"{t.label} ({short(t.who)}) {t.path}: {problem}"
            for t in targets
            if t.path and (problem := answer_problem(t))
        ]
        if problems:
            log = (Path(scratch) / "gunicorn.log").read_text()[-3000:]
            sys.exit("Pages that do not answer 200:\n" + "\n".join(problems) + "\n" + log)
        script = Path(scratch) / "summary.lua"
        script.write_text(WRK_SCRIPT)
        print(HEADER, flush=True)
        floor = None
        for target in targets:
            result = measure(target, running[target.port], args, str(script), floor)
            if floor is None and target.label == "base layout (the floor)":
                floor, result.ratio = result.rps, 1.0
            results.append(result)
            print(row(result), flush=True)
        after = memory(running[STACK_PORT])
    # A worker restarted during the run has no "before": nan says so.
    return results, [{**w, "rss_before_mb": before.get(w["pid"], math.nan)} for w in after]


if __name__ == "__main__":
    main()
