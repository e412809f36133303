"""Benchmark: importing a large Apple Health export with bounded memory.

Generates a realistic export.xml of --mb megabytes (two watch years are ~500 MB: heart
rate, energy and distance records by the minute, steps from a phone and a watch, nightly
sleep stages, resting heart rate, HRV, activity summaries, workouts and correlations),
then, in a fresh process each, imports it through the real app exactly as the PWA does
(create, PUT chunks of 2 MB, finish; SQLite file in WAL mode), zipped and unzipped, while
a sampler records the process's resident memory. Baselines measured in the same run: the
same process idle (app created, a request served), and xml.etree parsing a 1/10-size copy
of the file whole (what a non-streaming import would need).
Target (issue 14): a 500 MB export imports in under 200 MB of memory.
Run: .venv/bin/python bench/import_memory.py [--mb 500] [--keep DIR]
"""
import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MB = 200

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED sourceName CDATA #REQUIRED sourceVersion CDATA #IMPLIED device CDATA #IMPLIED creationDate CDATA #IMPLIED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="{now}"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1979-05-14" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"/>
"""
WATCH = ('sourceName="Ada’s Apple Watch" sourceVersion="10.3.1" device="&lt;&lt;HKDevice: 0x302a1d270&gt;, '
         'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3.1&gt;"')
PHONE = 'sourceName="Ada’s iPhone" sourceVersion="17.3.1"'


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S +0000")


def record(kind, source, unit, value, start, end, inner=""):
    unit = f' unit="{unit}"' if unit else ""
    head = (f' <Record type="{kind}" {source}{unit} creationDate="{stamp(end)}" startDate="{stamp(start)}" '
            f'endDate="{stamp(end)}" value="{value}"')
    return f"{head}>\n{inner} </Record>\n" if inner else f"{head}/>\n"


def one_day(day: date, rng: random.Random) -> list[str]:
    """A day of a watch wearer's export: the minute-by-minute records dominate its size."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    out = []
    for minute in range(0, 1440, 1):
        at = midnight + timedelta(minutes=minute)
        out.append(record("HKQuantityTypeIdentifierActiveEnergyBurned", WATCH, "kcal",
                          f"{rng.uniform(0.05, 3):.3f}", at, at + timedelta(minutes=1)))
        if minute % 2 == 0:
            out.append(record("HKQuantityTypeIdentifierHeartRate", WATCH, "count/min", rng.randint(52, 130),
                              at, at, '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'))
        if minute % 5 == 0:
            out.append(record("HKQuantityTypeIdentifierBasalEnergyBurned", WATCH, "kcal", f"{rng.uniform(4, 6):.3f}",
                              at, at + timedelta(minutes=5)))
            out.append(record("HKQuantityTypeIdentifierDistanceWalkingRunning", PHONE, "km",
                              f"{rng.uniform(0, 0.4):.5f}", at, at + timedelta(minutes=5)))
        if 7 * 60 <= minute < 22 * 60 and minute % 10 == 0:
            for source in (PHONE, WATCH):
                out.append(record("HKQuantityTypeIdentifierStepCount", source, "count", rng.randint(0, 900),
                                  at, at + timedelta(minutes=10)))
    night = midnight - timedelta(hours=1, minutes=rng.randint(0, 60))
    for stage, minutes in (("AsleepCore", 110), ("AsleepDeep", 45), ("Awake", 9), ("AsleepREM", 40),
                           ("AsleepCore", 150), ("AsleepREM", 30), ("AsleepCore", 60)):
        out.append(record("HKCategoryTypeIdentifierSleepAnalysis", WATCH, "",
                          f"HKCategoryValueSleepAnalysis{stage}", night, night + timedelta(minutes=minutes),
                          '  <MetadataEntry key="HKTimeZone" value="Europe/London"/>\n'))
        night += timedelta(minutes=minutes)
    for hour in (3, 9, 15, 21):
        at = midnight + timedelta(hours=hour)
        beats = "".join(f'   <InstantaneousBeatsPerMinute bpm="{rng.randint(55, 70)}" time="{hour:02d}:00:{s:02d}.00"/>\n'
                        for s in range(0, 60, 1))
        out.append(record("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", WATCH, "ms", f"{rng.uniform(25, 70):.3f}",
                          at, at + timedelta(minutes=1),
                          f"  <HeartRateVariabilityMetadataList>\n{beats}  </HeartRateVariabilityMetadataList>\n"))
    out.append(record("HKQuantityTypeIdentifierRestingHeartRate", WATCH, "count/min", rng.randint(52, 64),
                      midnight + timedelta(minutes=3), midnight + timedelta(hours=21)))
    for minute in range(8 * 60, 8 * 60 + rng.randint(5, 60)):
        at = midnight + timedelta(minutes=minute)
        out.append(record("HKQuantityTypeIdentifierAppleExerciseTime", WATCH, "min", 1, at, at + timedelta(minutes=1)))
    out.append(f' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" {PHONE} startDate="{stamp(midnight)}" '
               f'endDate="{stamp(midnight)}">\n'
               + record("HKQuantityTypeIdentifierBloodPressureSystolic", PHONE, "mmHg", 121, midnight, midnight)
               + " </Correlation>\n")
    out.append(f' <ActivitySummary dateComponents="{day.isoformat()}" activeEnergyBurned="412.9" '
               f'activeEnergyBurnedGoal="400" activeEnergyBurnedUnit="kcal" appleExerciseTime="{rng.randint(5, 60)}" '
               f'appleExerciseTimeGoal="30" appleStandHours="11" appleStandHoursGoal="12"/>\n')
    return out


def generate(path: Path, megabytes: int) -> int:
    """Write an export.xml of about ``megabytes`` MB, its days ending yesterday; returns days."""
    rng = random.Random(14)
    today = date.today()
    per_day = len("".join(one_day(today, random.Random(0))).encode())
    days = max(1, megabytes * 1024**2 // per_day)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD.format(now=stamp(datetime.now(timezone.utc))))
        for i in range(days, 0, -1):
            out.write("".join(one_day(today - timedelta(days=i), rng)))
        out.write("</HealthData>\n")
    return days


def status_mb(pid: int | str, key: str) -> float:
    """VmRSS (now) or VmHWM (the peak so far) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


class Server:
    """The app under gunicorn (one sync worker) on a free port, its database migrated."""

    def __init__(self, workdir: Path):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}", "SECRET_KEY": "bench",
               "SCRYPT_N": str(2**10), "FLASK_APP": "server"}
        subprocess.run([str(Path(sys.executable).parent / "flask"), "db", "upgrade"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.master = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{self.port}",
             "server:create_app()"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=(workdir / "gunicorn.log").open("wb"))  # kept beside the database for a failed run
        for _ in range(300):
            try:
                self.call("GET", "/api/health")
                break
            except OSError:
                time.sleep(0.1)
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children").read_text().split()
        self.worker = int(children[0])
        self.token = None

    def call(self, method: str, path: str, body=None, raw: bytes | None = None) -> tuple[int, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = {"Authorization": f"Bearer {self.token}"} if getattr(self, "token", None) else {}
        if raw is not None:
            headers["Content-Type"] = "application/octet-stream"
            payload = raw
        else:
            headers["Content-Type"] = "application/json"
            payload = None if body is None else json.dumps(body).encode()
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, json.loads(data) if data else {}

    def stop(self):
        self.master.terminate()
        self.master.wait(120)  # a worker still reading finishes its file first


def import_through_the_api(export: Path, workdir: Path) -> dict:
    """Import ``export`` into the app under gunicorn as the PWA does; the worker's memory."""
    server = Server(workdir)
    try:
        person = {"email": "bench@example.org", "password": "bench password 1"}
        status, _ = server.call("POST", "/api/auth/register", {**person, "timezone": "Europe/London"})
        assert status == 202, status
        _, session = server.call("POST", "/api/auth/login", person)  # registering never signs in
        server.token = session["token"]
        server.call("GET", "/api/imports")
        idle = status_mb(server.worker, "VmRSS")
        size = export.stat().st_size
        _, record = server.call("POST", "/api/imports", {"filename": export.name, "size": size})
        started = time.perf_counter()
        with export.open("rb") as data:
            while chunk := data.read(record["chunk_size"]):
                status, record = server.call("PUT", f"/api/imports/{record['id']}/content?offset={record['received']}",
                                             raw=chunk)
                assert status == 200, record
        uploaded, upload_peak = time.perf_counter(), status_mb(server.worker, "VmHWM")
        status, record = server.call("POST", f"/api/imports/{record['id']}/finish")
        assert status in (200, 202), (status, record)
        while record["state"] == "processing":  # as the PWA does: follow it once a second
            time.sleep(1)
            status, record = server.call("GET", f"/api/imports/{record['id']}")
        done = time.perf_counter()
        assert record["state"] == "done", record
        return {"file_mb": size / 1024**2, "idle_mb": idle, "upload_peak_mb": upload_peak,
                "read_peak_mb": status_mb(server.worker, "VmHWM"), "upload_s": uploaded - started,
                "read_s": done - uploaded, "days": record["summary"]["days"], "fields": record["summary"]["fields"]}
    finally:
        server.stop()


def reader_alone(export: str) -> dict:
    """In this fresh process: only the export reader, on the file on disk; its peak memory."""
    from server.health_import.formats import read_export

    before = status_mb("self", "VmHWM")
    started = time.perf_counter()
    with open(export, "rb") as data:
        extract = read_export(data, Path(export).name, "Europe/London")
    return {"before_mb": before, "peak_mb": status_mb("self", "VmHWM"), "seconds": time.perf_counter() - started,
            "days": len(extract.days)}


def whole_tree_parse(export: str, fraction: float) -> dict:
    """Baseline: xml.etree parsing the first ``fraction`` of the file whole, in this process."""
    import xml.etree.ElementTree as ElementTree

    limit, lines, size = Path(export).stat().st_size * fraction, [], 0
    with open(export, "rb") as source:
        for line in source:
            lines.append(line)
            size += len(line)
            if size >= limit and line.startswith((b" </", b" <ActivitySummary")):
                break  # a top-level element just ended
    text = b"".join(lines) + b"</HealthData>\n"
    del lines
    before = status_mb("self", "VmRSS")
    tree = ElementTree.fromstring(text[text.index(b"<HealthData"):])
    grown = status_mb("self", "VmRSS") - before
    return {"mb": len(text) / 1024**2, "extra_mb": grown, "elements": len(tree)}


def in_child(function: str, *args) -> dict:
    """Run one measurement in a fresh interpreter, so its memory is its own."""
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); "
            f"import bench.import_memory as b; print(json.dumps(b.{function}(*{args!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the generated files here (and reuse an export.xml "
                                                   "already there: generating 500 MB takes minutes)")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    xml = folder / "export.xml"
    archive = folder / "export.zip"
    started = time.perf_counter()
    if options.keep and archive.exists() and abs(xml.stat().st_size / 1024**2 - options.mb) < 2:
        print(f"reusing {xml} ({xml.stat().st_size / 1024**2:.0f} MB) and {archive.name}")
    else:
        days = generate(xml, options.mb)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            out.write(xml, "apple_health_export/export.xml")
        print(f"generated {xml.stat().st_size / 1024**2:.0f} MB export.xml ({days} days), "
              f"{archive.stat().st_size / 1024**2:.0f} MB zipped, in {time.perf_counter() - started:.0f} s")
    rows = []
    for upload in (archive, xml):
        rows.append((upload.name, import_through_the_api(upload, Path(tempfile.mkdtemp(prefix="import-db-", dir=folder)))))
    alone = in_child("reader_alone", str(xml))
    tree = in_child("whole_tree_parse", str(xml), 0.1)
    print()
    print("| upload | file | worker idle | worker peak, uploading | worker peak, reading | upload | reading | days |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, f in rows:
        print(f"| {name} | {f['file_mb']:.0f} MB | {f['idle_mb']:.0f} MB | {f['upload_peak_mb']:.0f} MB | "
              f"{f['read_peak_mb']:.0f} MB | {f['upload_s']:.1f} s | {f['read_s']:.1f} s | {f['days']} |")
    print(f"\nthe reader alone, export.xml from disk: peak {alone['peak_mb']:.0f} MB "
          f"({alone['before_mb']:.0f} MB before), {alone['seconds']:.1f} s, {alone['days']} days")
    print(f"baseline: xml.etree parsing {tree['mb']:.0f} MB whole needs {tree['extra_mb']:.0f} MB "
          f"(~{tree['extra_mb'] / tree['mb'] * xml.stat().st_size / 1024**3:.1f} GB for the whole file)")
    grown = max(max(f["upload_peak_mb"], f["read_peak_mb"]) - f["idle_mb"] for _, f in rows)
    peak = max(max(f["upload_peak_mb"], f["read_peak_mb"]) for _, f in rows)
    print(f"import's own memory (worker peak - idle): {grown:.0f} MB; reader alone: {alone['peak_mb']:.0f} MB")
    print(f"the worker's whole peak: {peak:.0f} MB — target < {TARGET_MB} MB: "
          f"{'met' if peak < TARGET_MB else 'NOT met'}")
    print("days with each value:", json.dumps(rows[0][1]["fields"]))


if __name__ == "__main__":
    main()
