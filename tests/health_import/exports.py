"""Build upload files from the hand-made exports in tests/fixtures (see its README)."""
import io
import sqlite3
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def zipped(folder: str, rename=None) -> bytes:
    """The fixture folder as a zip, its paths relative to the folder (as the service made it).

    ``rename(path) -> path`` lets a test move files (e.g. into the older archive layout).
    """
    root = FIXTURES / folder
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                name = path.relative_to(root).as_posix()
                archive.write(path, rename(name) if rename else name)
    return buffer.getvalue()


def health_connect_db(tmp_path: Path) -> bytes:
    """health_connect_export.db built from the fixture's SQL."""
    target = tmp_path / "health_connect_export.db"
    target.unlink(missing_ok=True)
    connection = sqlite3.connect(target)
    connection.executescript((FIXTURES / "health_connect" / "health_connect_export.sql").read_text())
    connection.commit()
    connection.close()
    return target.read_bytes()


def health_connect_zip(tmp_path: Path) -> bytes:
    """"Health Connect.zip" as the Health Connect app writes it: the database alone."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("health_connect_export.db", health_connect_db(tmp_path))
    return buffer.getvalue()


def apple_xml() -> bytes:
    return (FIXTURES / "apple_health" / "apple_health_export" / "export.xml").read_bytes()


def every_export(tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    """{format: (file name, bytes)} for one realistic upload of each format."""
    return {
        "apple_health": ("export.zip", zipped("apple_health")),
        "google_fit": ("takeout-20260331T081500Z-001.zip", zipped("google_fit")),
        "health_connect": ("Health Connect.zip", health_connect_zip(tmp_path)),
        "fitbit": ("takeout-20260331T090000Z-001.zip", zipped("fitbit")),
        "oura": ("oura-data-export.zip", zipped("oura")),
        "garmin": ("5b2c1e0a-garmin-export_1.zip", zipped("garmin")),
    }
