"""Fan-out benchmark: 10,000 due reminders to a local push service answering after 50 ms.

Prints deliveries per second and the time from the due instant (start of
``deliver``) to the last accepted delivery, beside the bare rate of encrypting
and signing the same messages without any network, in the same run.
Targets (issue 5): at least 300 deliveries/s, all 10,000 within 60 s.

    python bench/push_fanout.py [--count 10000] [--workers 64] [--delay 0.05]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import requests
from cryptography.hazmat.primitives.asymmetric import ec
from pywebpush import WebPusher

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: server/ and tests/ live beside bench/

from server.push.endpoints import EndpointPolicy  # noqa: E402
from server.push.payloads import build_payload, payload_bytes  # noqa: E402
from server.push.sender import Outcome, PushSender, message_for  # noqa: E402
from server.push.vapid import VapidKeys  # noqa: E402


def start_service(delay: float) -> tuple[subprocess.Popen, str]:
    """The push service in its own process, so its decryption does not share our GIL."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.push_service", "--delay", str(delay)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    return proc, proc.stdout.readline().strip()


def due_messages(origin: str, count: int) -> list:
    subs = requests.post(f"{origin}/_subscribe", json={"count": count}, timeout=120).json()
    return [message_for(build_payload("checkin", occurrence_id=f"occ-{i}"), endpoint=s["endpoint"],
                        p256dh=s["keys"]["p256dh"], auth=s["keys"]["auth"], ref=i)
            for i, s in enumerate(subs)]


def bare_rate(keys: VapidKeys, messages: list) -> float:
    """Messages per second for encrypt + sign only, one thread, as a CPU ceiling."""
    signer, start = keys.signer(), time.perf_counter()
    for m in messages:
        WebPusher({"endpoint": m.endpoint, "keys": {"p256dh": m.p256dh, "auth": m.auth}}).encode(
            payload_bytes(m.payload))
        signer.sign({"sub": keys.subject, "aud": m.endpoint.rsplit("/push/", 1)[0],
                     "exp": int(time.time()) + 3600})
    return len(messages) / (time.perf_counter() - start)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by another process; 0 where /proc is missing."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fan_out(keys: VapidKeys, messages: list, workers: int) -> tuple[float, float, dict, float]:
    """(start epoch, seconds until deliver() returned, outcome counts, sender CPU seconds)."""
    with PushSender(keys, EndpointPolicy(allow_loopback=True), max_workers=workers) as sender:
        start, cpu = time.time(), time.process_time()
        results = sender.deliver(messages, datetime.now(timezone.utc))
        took, cpu = time.time() - start, time.process_time() - cpu
    counts = {o.value: sum(r.outcome == o for r in results) for o in Outcome}
    return start, took, {k: v for k, v in counts.items() if v}, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    keys = VapidKeys(ec.generate_private_key(ec.SECP256R1()), "mailto:bench@emberwise.test")
    proc, origin = start_service(args.delay)
    try:
        messages = due_messages(origin, args.count)
        service_cpu = process_cpu(proc.pid)
        start, took, counts, cpu = fan_out(keys, messages, args.workers)
        service_cpu = process_cpu(proc.pid) - service_cpu
        stats = requests.get(f"{origin}/_stats", timeout=10).json()
        bare = bare_rate(keys, messages)
    finally:
        proc.terminate()
        proc.wait()
    last = stats["last_at"] - start if stats["last_at"] else float("nan")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPU, "
          f"load average {os.getloadavg()[0]:.1f} (other work on the box slows every figure)")
    print(f"fan-out: {args.count} messages, {args.workers} workers, service answers after {args.delay * 1000:.0f} ms")
    print(f"  outcomes: {json.dumps(counts)}; service accepted {stats['received']}, rejected {stats['rejected']}")
    print(f"  deliveries/s: {stats['received'] / took:,.0f}  (target >= 300)")
    print(f"  due -> last delivery: {last:.1f} s  (target <= 60 s); deliver() returned after {took:.1f} s")
    print(f"  CPU per message: sender {cpu / args.count * 1000:.2f} ms, push service {service_cpu / args.count * 1000:.2f} ms")
    print(f"bare encrypt+sign, 1 thread, no network: {bare:,.0f} messages/s")
    if stats["reasons"]:
        print("  rejection reasons:", stats["reasons"])


if __name__ == "__main__":
    main()
