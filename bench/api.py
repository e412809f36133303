"""Benchmark: the check-in POST against a bare JSON endpoint of the same app, under gunicorn.

Starts gunicorn (2 sync workers) on 127.0.0.1 with a fresh SQLite database, registers a user,
then drives each endpoint with wrk (32 connections, bounded duration) from loopback. Prints
requests/s, p50 and p99 for both and the ratio. Target: POST >= 40% of bare, p99 < 50 ms.
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

POST_SCRIPT = r"""
math.randomseed(os.time() + math.floor(os.clock() * 1e6))
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
    ["Authorization"] = "Bearer TOKEN"}, body)
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


def start_server(workdir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
           "SECRET_KEY": "bench", "FLASK_APP": "server"}
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning", "server:create_app()"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


def register(port: int) -> str:
    """Create the bench account and sign in (registering alone never signs in)."""
    body = json.dumps({"email": "bench@example.org", "password": "bench password 1"}).encode()
    for path in ("/api/auth/register", "/api/auth/login"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                         headers={"Content-Type": "application/json"})
        answer = json.load(urllib.request.urlopen(request))
    return answer["token"]


def run_wrk(wrk: str, url: str, script: str | None) -> dict:
    args = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url]
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


def main():
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as tmp:
        workdir, port = Path(tmp), free_port()
        server = start_server(workdir, port)
        try:
            token = register(port)
            script = workdir / "post.lua"
            script.write_text(POST_SCRIPT.replace("TOKEN", token))
            bare = run_wrk(wrk, f"http://127.0.0.1:{port}/api/health", None)
            post = run_wrk(wrk, f"http://127.0.0.1:{port}", str(script))
        finally:
            server.terminate()
            server.wait(10)
    ratio = post["rps"] / bare["rps"]
    print(f"gunicorn 2 sync workers, wrk {CONNECTIONS} connections, {DURATION} each, SQLite WAL")
    print(f"{'endpoint':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for name, figures in (("GET /api/health (bare)", bare), ("POST /api/checkins", post)):
        print(f"{name:<28}{figures['rps']:>10.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
              f"{figures['non2xx']:>9}")
    print(f"ratio POST/bare: {ratio:.0%} (target >= 40%); POST p99 {post['p99']:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
