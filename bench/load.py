"""Load test: a day of many people syncing and checking in, compressed into a few minutes,
against gunicorn and the scheduler on PostgreSQL, all on this machine's loopback.

What runs: a fresh PostgreSQL database (on the server of TEST_DATABASE_URL), migrated;
gunicorn (WEB_WORKERS sync workers, as deploy/systemd/emberwise-web.service) on 127.0.0.1;
one `flask scheduler run` process beside it, as in production. --people accounts (default
10,000) are created directly in the database, each with a sign-in token. Then a day:

- morning (around 07:30 of the simulated day, standard deviation 45 min): the app opens and
  syncs (POST /api/sync) with the morning check-in;
- around midday 30% of the people look at their patterns (GET /api/insights/patterns);
- evening (around 21:00, standard deviation 1 h): the evening check-in, half through sync,
  half through POST /api/checkins;
- 3% of syncs are sent twice (a response lost on the way back: the outbox resends it).

A simulated day of 24 h takes --minutes real minutes (default 5); it is one clock for
everyone (the accounts' time zones vary, the rhythm does not). Each request carries a
30 s time-out; after the day, at most --drain seconds more are spent waiting for the
analysis of the sampled people; then everything is stopped. Nothing leaves 127.0.0.1.

Reports: requests per endpoint with p50/p99 and 5xx; rows stored against check-ins
acknowledged (applied by sync or 201 from REST): lost, and stored without acknowledgement;
how late the load generator was against its schedule; and the analysis lag after a sync —
from the acknowledgement until the person's stored analysis covers that sync (the
scheduler's refresh job) — at p50 and p99, for every 20th person (none of whom opens the
insights screen, whose first load computes the analysis when none is stored yet).

Run: TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
     .venv/bin/python bench/load.py [--people 10000] [--minutes 5] [--drain 180]
"""
import argparse
import heapq
import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Australia/Sydney"]
CLIENT_THREADS = 48
TIMEOUT = 30.0
SAMPLE_EVERY = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--minutes", type=float, default=5.0, help="real minutes for one day")
    parser.add_argument("--drain", type=float, default=180.0,
                        help="most seconds to wait after the day for the sampled analyses")
    parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_WORKERS", "4")))
    parser.add_argument("--seed", type=int, default=13)
    return parser.parse_args()


# --- the database and the processes ---------------------------------------------------------

@contextmanager
def fresh_database(base_url: str):
    """A fresh database on the loopback server of `base_url` (tests/conftest.py's helper),
    with PostgreSQL's own commit durability: the load test times real commits."""
    from sqlalchemy.engine import make_url

    from tests.conftest import fresh_postgres_database

    if make_url(base_url).host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("bench/load.py runs on this machine only: TEST_DATABASE_URL must be on 127.0.0.1")
    with fresh_postgres_database(base_url, prefix="load", durable=True) as url:
        yield url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "load-bench", "FLASK_APP": "server",
            "PUSH_ALLOW_LOOPBACK": "1"}


@contextmanager
def running(url: str, port: int, web_workers: int):
    """gunicorn and one scheduler process on the database at `url`; both stopped after."""
    env, bin_dir = environment(url), Path(sys.executable).parent
    subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    web = subprocess.Popen([bin_dir / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers",
                            str(web_workers), "--log-level", "warning", "--timeout", "60",
                            "server:create_app()"], cwd=ROOT, env=env)
    scheduler = subprocess.Popen([bin_dir / "flask", "scheduler", "run"], cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        yield
    finally:
        for process in (web, scheduler):
            process.terminate()
        for process in (web, scheduler):
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(port: int) -> None:
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def create_people(url: str, count: int, seed: int) -> list[dict]:
    """`count` accounts with one token each, written straight to the database (signing up
    10,000 people through scrypt is not what a day looks like)."""
    from sqlalchemy import create_engine, insert, select

    from server.accounts.auth import hash_token
    from server.accounts.models import Token, User
    from server.accounts.passwords import hash_password

    rng = random.Random(seed)
    now = datetime.now(UTC)
    password = hash_password("load bench person", 2**10)
    engine = create_engine(url)
    people = []
    with engine.begin() as conn:
        conn.execute(insert(User.__table__), [
            {"email": f"person{i}@load.example", "password_hash": password,
             "timezone": ZONES[i % len(ZONES)], "created_at": now, "sync_seq": 0}
            for i in range(count)])
        ids = conn.execute(select(User.id).order_by(User.id)).scalars().all()
        tokens = [secrets.token_urlsafe(24) for _ in ids]
        conn.execute(insert(Token.__table__), [
            {"user_id": uid, "token_hash": hash_token(token), "created_at": now,
             "expires_at": now + timedelta(days=30)} for uid, token in zip(ids, tokens)])
    engine.dispose()
    for i, (uid, token) in enumerate(zip(ids, tokens)):
        people.append({"n": i, "user_id": uid, "token": token, "zone": ZONES[i % len(ZONES)],
                       "cursor": 0, "sampled": i % SAMPLE_EVERY == 0,
                       "looks": rng.random() < 0.3, "evening_rest": rng.random() < 0.5})
    return people


# --- the day ---------------------------------------------------------------------------------

def schedule(people: list[dict], day_seconds: float, rng: random.Random) -> list[tuple]:
    """(real second, order, person, action) for the whole day, in time order."""
    scale = day_seconds / 86_400

    def at(hour_mean: float, hour_sd: float) -> float:
        hour = min(23.9, max(0.0, rng.gauss(hour_mean, hour_sd)))
        return hour * 3600 * scale

    events = []
    for p in people:
        events.append((at(7.5, 0.75), "morning", p))
        if p["looks"] and not p["sampled"]:
            events.append((at(12.5, 1.5), "look", p))
        events.append((at(21.0, 1.0), "evening", p))
    events = [(t, i, p, action) for i, (t, action, p) in enumerate(events)]
    heapq.heapify(events)
    return [heapq.heappop(events) for _ in range(len(events))]


def checkin(now: datetime, rng: random.Random) -> dict:
    return {"at": now.isoformat(), "pain": rng.randint(0, 10), "flare": rng.random() < 0.05,
            "sleep_hours": round(rng.uniform(4, 9), 1), "stress": rng.randint(0, 10),
            "activity_minutes": rng.randint(0, 120), "locations": ["lower_back"],
            "nsaid_doses": rng.randint(0, 2)}


class Recorder:
    """Latencies per endpoint, statuses, acknowledged ids, late starts, pending analyses."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.status = defaultdict(lambda: defaultdict(int))
        self.acked: set[str] = set()
        self.sent: set[str] = set()
        self.late: list[float] = []
        self.pending: dict[int, tuple[int, float]] = {}  # user_id -> (seq, acknowledged at)
        self.lags: list[float] = []
        self.errors: list[str] = []

    def answer(self, endpoint: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latency[endpoint].append(seconds)
            self.status[endpoint][status] += 1


class Client:
    """One keep-alive connection per client thread."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def call(self, method: str, path: str, token: str, body=None) -> tuple[int, dict | None, float]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {token}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):  # a keep-alive connection the server closed: reconnect once
            began = time.perf_counter()
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                                 timeout=TIMEOUT)
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                elapsed = time.perf_counter() - began
                return response.status, (json.loads(raw) if raw else None), elapsed
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def act(client: Client, rec: Recorder, person: dict, action: str, rng: random.Random) -> None:
    now = datetime.now(UTC)
    if action == "look":
        status, _, seconds = client.call("GET", "/api/insights/patterns", person["token"])
        rec.answer("GET /api/insights/patterns", seconds, status)
        return
    data = checkin(now, rng)
    record_id = str(uuid.uuid4())
    with rec.lock:
        rec.sent.add(record_id)
    if action == "evening" and person["evening_rest"]:
        status, _, seconds = client.call("POST", "/api/checkins", person["token"],
                                         {"id": record_id, **data})
        rec.answer("POST /api/checkins", seconds, status)
        if status in (200, 201):
            with rec.lock:
                rec.acked.add(record_id)
        return
    body = {"device_id": f"phone-{person['n']}", "cursor": person["cursor"],
            "changes": [{"type": "checkin", "id": record_id, "base_version": None,
                         "updated_at": now.isoformat(), "deleted": False, "data": data}]}
    replays = 2 if rng.random() < 0.03 else 1
    for _ in range(replays):
        status, answer, seconds = client.call("POST", "/api/sync", person["token"], body)
        rec.answer("POST /api/sync", seconds, status)
    if status == 200 and answer and record_id in answer.get("applied", []):
        person["cursor"] = answer["cursor"]
        with rec.lock:
            rec.acked.add(record_id)
            if person["sampled"]:
                rec.pending[person["user_id"]] = (answer["cursor"], time.monotonic())


def run_day(port: int, people: list[dict], day_seconds: float, rec: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    plan = schedule(people, day_seconds, rng)
    work: Queue = Queue(maxsize=CLIENT_THREADS * 4)

    def worker(number: int):
        client, local = Client(port), random.Random(seed * 1000 + number)
        while (item := work.get()) is not None:
            person, action = item
            try:
                act(client, rec, person, action, local)
            except Exception as exc:  # noqa: BLE001 — counted and reported, the day goes on
                client.connection = None
                with rec.lock:
                    rec.errors.append(f"{action}: {exc!r}")

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    start = time.monotonic()
    hard_stop = start + day_seconds * 2  # bounded even when the server falls far behind
    for due, _order, person, action in plan:
        wait = start + due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        if time.monotonic() > hard_stop:
            rec.errors.append("the day ran past twice its length: the rest was not sent")
            break
        rec.late.append(max(0.0, time.monotonic() - start - due))
        work.put((person, action))
    for _ in threads:
        work.put(None)
    for thread in threads:
        thread.join(TIMEOUT * 2)


def watch_analysis(url: str, rec: Recorder, stop: threading.Event) -> None:
    """Poll the stored analyses of the sampled people; a sync is covered once the stored
    result's data_seq reaches the cursor its sync answered with."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                         dbname=u.database, autocommit=True) as conn:
        while not stop.is_set():
            with rec.lock:
                waiting = dict(rec.pending)
            if waiting:
                rows = conn.execute("SELECT user_id, data_seq FROM insight_results WHERE user_id = ANY(%s)",
                                    (list(waiting),)).fetchall()
                seen = time.monotonic()
                with rec.lock:
                    for user_id, data_seq in rows:
                        pending = rec.pending.get(user_id)
                        if pending and data_seq >= pending[0]:
                            rec.lags.append(seen - pending[1])
                            del rec.pending[user_id]
            stop.wait(0.5)


def stored_rows(url: str) -> set[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                         dbname=u.database) as conn:
        rows = conn.execute("SELECT id FROM checkins WHERE NOT deleted").fetchall()
    return {str(r[0]) for r in rows}


# --- the report ------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(args, rec: Recorder, stored: set[str], day_real: float, unresolved: int) -> None:
    print(f"\n{args.people:,} people, one day in {args.minutes:g} min "
          f"(ran {day_real:.0f} s), {args.web_workers} gunicorn workers, 1 scheduler, PostgreSQL")
    print("| endpoint | requests | req/s over the day | p50 ms | p99 ms | 5xx | other non-2xx |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    total_5xx = 0
    for endpoint in sorted(rec.latency):
        statuses = rec.status[endpoint]
        n = len(rec.latency[endpoint])
        five = sum(c for s, c in statuses.items() if s >= 500)
        other = sum(c for s, c in statuses.items() if 300 <= s < 500)
        total_5xx += five
        print(f"| {endpoint} | {n:,} | {n / day_real:.1f} | {pct(rec.latency[endpoint], 0.5) * 1000:.0f} "
              f"| {pct(rec.latency[endpoint], 0.99) * 1000:.0f} | {five} | {other} |")
    lost = rec.acked - stored
    unacked = stored - rec.acked
    foreign = stored - rec.sent
    print(f"\ncheck-ins sent {len(rec.sent):,}; acknowledged {len(rec.acked):,}; rows stored {len(stored):,}")
    print(f"lost (acknowledged, not stored): {len(lost)}; stored twice or never sent: {len(foreign)}; "
          f"stored without an acknowledgement (answer lost or timed out): {len(unacked)}")
    print(f"5xx answers: {total_5xx}; client errors (time-outs, resets): {len(rec.errors)}"
          + (f" — first: {rec.errors[0]}" if rec.errors else ""))
    print(f"schedule lateness of the load generator: p50 {pct(rec.late, 0.5):.2f} s, "
          f"p99 {pct(rec.late, 0.99):.2f} s, max {max(rec.late, default=0):.2f} s")
    print(f"analysis lag after a sync (sync acknowledged -> stored analysis covers it), "
          f"{len(rec.lags):,} syncs of every {SAMPLE_EVERY}th person: p50 {pct(rec.lags, 0.5):.1f} s, "
          f"p99 {pct(rec.lags, 0.99):.1f} s; still waiting when stopped: {unresolved}")


def main() -> None:
    args = parse_args()
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        sys.exit("bench/load.py needs PostgreSQL: set TEST_DATABASE_URL")
    day_seconds = args.minutes * 60
    with fresh_database(base) as url:
        port = free_port()
        with running(url, port, args.web_workers):
            began = time.monotonic()
            people = create_people(url, args.people, args.seed)
            print(f"{len(people):,} people created in {time.monotonic() - began:.1f} s; "
                  f"the day starts", flush=True)
            rec, stop = Recorder(), threading.Event()
            watcher = threading.Thread(target=watch_analysis, args=(url, rec, stop), daemon=True)
            watcher.start()
            day_began = time.monotonic()
            run_day(port, people, day_seconds, rec, args.seed)
            day_real = time.monotonic() - day_began
            print(f"day done in {day_real:.0f} s; waiting up to {args.drain:.0f} s for the "
                  f"sampled analyses", flush=True)
            drain_until = time.monotonic() + args.drain
            while time.monotonic() < drain_until:
                with rec.lock:
                    if not rec.pending:
                        break
                time.sleep(1)
            stop.set()
            watcher.join(10)
            with rec.lock:
                unresolved = len(rec.pending)
            stored = stored_rows(url)
        report(args, rec, stored, day_real, unresolved)


if __name__ == "__main__":
    main()
