"""Benchmark: the check-in POST against a bare JSON endpoint of the same app, under gunicorn.

Starts gunicorn (WORKERS sync workers, as docs/deploy.md runs it: WEB_WORKERS=4 on a 2-core
machine) on 127.0.0.1 with a fresh SQLite database — and, when
TEST_DATABASE_URL is set, again with a fresh PostgreSQL database — registers users, then
drives each endpoint with wrk (32 connections, bounded duration) from loopback. Prints
requests/s, p50 and p99 of the bare endpoint and of the POST sent as one account (every POST
waits for that person's lock) and spread over 32 accounts, and the ratios; then the spread POST
again with the fast lane off (CHECKIN_FAST_LANE=0: the Flask route answers every POST), for
comparison. Targets (issue 13): POST >= 50% of bare, POST p99 < 50 ms. Then a CPU profile of
the POST in process (no server, no network): where one request's time goes in the fast lane
(server/checkins/fast_lane.py), with the route's and the bare endpoint's CPU beside it, and on
PostgreSQL the database server's own CPU per POST (its backends, read from /proc).
Run: .venv/bin/python bench/api.py   (installs Debian's wrk when missing and run as root)
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = 32
# The same for the bare endpoint and the POST: production's setting (deploy/emberwise.env.example,
# about two per core). Two workers left a core idle whenever a POST waited on its database.
WORKERS = os.environ.get("BENCH_WORKERS", "4")

POST_SCRIPT = r"""
math.randomseed(os.time() + math.floor(os.clock() * 1e6))
local tokens = {TOKENS}
local hex = "0123456789abcdef"
local function uuid4()
  local t = {}
  for i = 1, 32 do local r = math.random(1, 16); t[i] = hex:sub(r, r) end
  t[13] = "4"
  return table.concat(t, "", 1, 8) .. "-" .. table.concat(t, "", 9, 12) .. "-" ..
         table.concat(t, "", 13, 16) .. "-" .. table.concat(t, "", 17, 20) .. "-" ..
         table.concat(t, "", 21, 32)
end
request = function()
  local body = '{"id":"' .. uuid4() .. '","at":"2026-03-01T08:30:00+01:00","pain":5,' ..
    '"flare":false,"sleep_hours":6.5,"stress":4,"activity_minutes":40,"locations":["lower_back"]}'
  return wrk.format("POST", "/api/checkins", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)]}, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        if os.geteuid() != 0:
            sys.exit("bench/api.py needs wrk: apt-get install wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk")


def start_server(url: str, port: int, **settings: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "FLASK_APP": "server", **settings}
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", WORKERS,
         "--log-level", "warning", "server:create_app()"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


#: Accounts for the spread POST: every POST of one account waits for that person's lock (the
#: one write path, docs/sync.md), so one account measures the lock's queue, many the app.
ACCOUNTS = 32


def register(port: int, number: int = 0) -> str:
    """Create a bench account and sign in (registering alone never signs in)."""
    body = json.dumps({"email": f"bench{number}@example.org", "password": "bench password 1"}).encode()
    for path in ("/api/auth/register", "/api/auth/login"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                         headers={"Content-Type": "application/json"})
        answer = json.load(urllib.request.urlopen(request))
    return answer["token"]


def run_wrk(wrk: str, url: str, script: str | None) -> dict:
    args = [wrk, f"-t{min(2, CONNECTIONS)}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url]
    if script:
        args[1:1] = ["-s", script]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def measure(wrk: str, url: str, workdir: Path) -> tuple[dict, dict, dict, dict]:
    """(bare, POST as one account, POST spread over ACCOUNTS accounts, the same spread POST
    with the fast lane off) figures against a gunicorn serving the database at `url`."""
    port = free_port()
    server = start_server(url, port)
    try:
        tokens = [register(port, n) for n in range(ACCOUNTS)]
        one, spread = workdir / "post-one.lua", workdir / "post-spread.lua"
        one.write_text(POST_SCRIPT.replace("{TOKENS}", json.dumps(tokens[:1]).replace("[", "{").replace("]", "}")))
        spread.write_text(POST_SCRIPT.replace("{TOKENS}", json.dumps(tokens).replace("[", "{").replace("]", "}")))
        bare = run_wrk(wrk, f"http://127.0.0.1:{port}/api/health", None)
        post = run_wrk(wrk, f"http://127.0.0.1:{port}", str(one))
        post_spread = run_wrk(wrk, f"http://127.0.0.1:{port}", str(spread))
    finally:
        server.terminate()
        server.wait(10)
    # The route alone, for comparison: the same accounts and database, the lane switched off.
    server = start_server(url, port, CHECKIN_FAST_LANE="0")
    try:
        route = run_wrk(wrk, f"http://127.0.0.1:{port}", str(spread))
    finally:
        server.terminate()
        server.wait(10)
    return bare, post, post_spread, route


def report(name: str, bare: dict, post: dict, spread: dict, route: dict) -> None:
    print(f"{name}: gunicorn {WORKERS} sync workers, wrk {CONNECTIONS} connections, {DURATION} each")
    print(f"{'endpoint':<52}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for label, figures in (("GET /api/health (bare)", bare), ("POST /api/checkins, one account", post),
                           (f"POST /api/checkins, {ACCOUNTS} accounts", spread),
                           (f"POST, {ACCOUNTS} accounts, fast lane off (route)", route)):
        print(f"{label:<52}{figures['rps']:>10.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
              f"{figures['non2xx']:>9}")
    for label, figures in (("one account", post), (f"{ACCOUNTS} accounts", spread),
                           ("lane off", route)):
        print(f"ratio POST/bare, {label}: {figures['rps'] / bare['rps']:.0%} (target >= 50%); "
              f"POST p99 {figures['p99']:.1f} ms (target < 50 ms)")
    print()


PROFILED = 400
SERVER_POSTS = 2000


def profile(url: str, name: str) -> None:
    """Profile PROFILED check-in POSTs through the WSGI app in process and print where the
    CPU time of one request goes, by part (cumulative, so parts may nest)."""
    import cProfile
    import io
    import pstats
    import uuid

    from flask_migrate import upgrade
    from werkzeug.test import EnvironBuilder

    sys.path.insert(0, str(ROOT))
    from server import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                      "SECRET_KEY": "bench", "SCRYPT_N": 2**10})
    with app.app_context():
        upgrade()
    lane = app.wsgi_app
    client = app.test_client()
    account = {"email": "bench@example.org", "password": "bench password 1"}
    client.post("/api/auth/register", json=account)
    token = client.post("/api/auth/login", json=account).get_json()["token"]

    def environ():
        body = {"id": str(uuid.uuid4()), "at": "2026-03-01T08:30:00+01:00", "pain": 5, "flare": False,
                "sleep_hours": 6.5, "stress": 4, "activity_minutes": 40, "locations": ["lower_back"]}
        return EnvironBuilder(path="/api/checkins", method="POST", json=body,
                              headers={"Authorization": f"Bearer {token}"}).get_environ()

    def call(env, expected="201"):
        status = []
        b"".join(app(env, lambda s, h, e=None: status.append(s)))
        assert status[0].startswith(expected), status

    bare = [EnvironBuilder(path="/api/health").get_environ() for _ in range(PROFILED)]
    for env in bare[:50]:
        call(env, "200")
    began = time.process_time()
    for env in bare[50:]:
        call(env, "200")
    bare_cpu = (time.process_time() - began) / (PROFILED - 50)

    def cpu_per_post(count: int) -> float:
        environs = [environ() for _ in range(count)]
        began = time.process_time()
        for env in environs:
            call(env)
        return (time.process_time() - began) / count

    def server_cpu_per_post(count: int) -> float:
        """The database server's CPU per POST (PostgreSQL), over enough POSTs for /proc's
        clock ticks (10 ms) to be a small part of it."""
        began = database_server_cpu(app)
        cpu_per_post(count)
        return (database_server_cpu(app) - began) / count

    app.wsgi_app = lane.next  # the route alone (CHECKIN_FAST_LANE=0)
    cpu_per_post(50)
    route_cpu = cpu_per_post(PROFILED // 2)
    route_server = server_cpu_per_post(SERVER_POSTS // 2) if "postgresql" in url else 0.0
    app.wsgi_app = lane
    cpu_per_post(50)
    plain = cpu_per_post(PROFILED // 2)
    lane_server = server_cpu_per_post(SERVER_POSTS) if "postgresql" in url else 0.0
    environs = [environ() for _ in range(PROFILED // 2)]
    profiler = cProfile.Profile(time.process_time)  # CPU time: the shares are of work done
    profiler.enable()
    for env in environs:
        call(env)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.stats.values())
    print(f"CPU per check-in POST in process ({name}, no server): {plain * 1e6:,.0f} µs without the "
          f"profiler (the route with the lane off: {route_cpu * 1e6:,.0f} µs; the bare endpoint: "
          f"{bare_cpu * 1e6:,.0f} µs); shares of the fast lane's POST under the profiler "
          f"({total / (PROFILED // 2) * 1e6:,.0f} µs):")
    if lane_server:
        print(f"  and on the PostgreSQL server (its backends' CPU, same machine): {lane_server * 1e6:,.0f} µs "
              f"per lane POST (the route's: {route_server * 1e6:,.0f} µs)")
    for label, marker in PARTS:
        cumulative = sum(ct for (path, _line, func), (_cc, _nc, _tt, ct, _c) in stats.stats.items()
                         if marker(path, func))
        print(f"  {label:<58}{cumulative / total:>6.0%}")


def database_server_cpu(app) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving `app`'s database (read from
    /proc: the server runs on this machine in the bench); 0.0 on SQLite or when unreadable."""
    from sqlalchemy import text

    from server.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return 0.0
        pids = db.session.execute(text("SELECT pid FROM pg_stat_activity "
                                       "WHERE datname = current_database()")).scalars().all()
        db.session.remove()
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


PARTS = [
    ("WSGI: the fast lane's whole request (CheckInFastLane.__call__)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "__call__"),
    ("JSON body limits (json_body.problem)",
     lambda path, func: path.endswith("common/json_body.py") and func == "problem"),
    ("parse + validate: json.loads and the schema (FastLoader)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "_validated"),
    ("the database: token read, lock + number + insert, commit (_store)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "_store"),
    ("  of which pool checkout (incl. PostgreSQL's socket check)",
     lambda path, func: path.endswith("pool/base.py") and func == "_checkout"),
    ("  of which the token read (_account; SQLite)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "_account"),
    ("  of which lock + number + insert (_insert; SQLite)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "_insert"),
    ("  of which the one statement: token, lock, number, insert, commit (PostgreSQL)",
     lambda path, func: path.endswith("checkins/fast_lane.py") and func == "_one_statement_run"),
    ("  of which the driver's statement execution",
     lambda path, func: ("execute' of 'sqlite3.Cursor" in func) or
     (path.endswith("psycopg/cursor.py") and func == "execute")),
    ("  of which commit (SQLite; PostgreSQL's statement commits alone)",
     lambda path, func: ("commit' of 'sqlite3.Connection" in func) or
     (path.endswith("psycopg/connection.py") and func == "commit")),
    ("  of which return to the pool",
     lambda path, func: path.endswith("pool/base.py") and func == "_checkin"),
    ("the answer: view, JSON, Flask response object (Response)",
     lambda path, func: path.endswith("flask/json/provider.py") and func == "response"),
    ("the response's status, headers and body out (to_wsgi_list, get_data)",
     lambda path, func: (path.endswith("werkzeug/datastructures/headers.py") and func == "to_wsgi_list")
     or (path.endswith("werkzeug/wrappers/response.py") and func == "get_data")),
]


def main():
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        report("SQLite WAL", *measure(wrk, f"sqlite:///{workdir / 'bench.sqlite'}", workdir))
        if os.environ.get("TEST_DATABASE_URL"):
            sys.path.insert(0, str(ROOT))
            from tests.conftest import fresh_postgres_database

            with fresh_postgres_database(os.environ["TEST_DATABASE_URL"]) as url:
                report("PostgreSQL", *measure(wrk, url, workdir))
        profile(f"sqlite:///{workdir / 'profile.sqlite'}", "SQLite")
        if os.environ.get("TEST_DATABASE_URL"):
            with fresh_postgres_database(os.environ["TEST_DATABASE_URL"]) as url:
                profile(url, "PostgreSQL")


if __name__ == "__main__":
    main()
