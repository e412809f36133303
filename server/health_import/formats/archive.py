"""The uploaded file as a set of named members: the entries of a zip, or the one file itself.

Readers never see more than they ask for: members are streamed, JSON and CSV members are
read whole only up to a size limit, and a zip that would unpack to more than MAX_UNPACKED
bytes is refused before anything is read (a small file can unpack to terabytes).
"""
from __future__ import annotations

import shutil
import zipfile
import zlib
from typing import BinaryIO, Callable

from .common import ImportFormatError

MAX_UNPACKED = 8 * 1024**3        # an Apple export of many years unpacks to a few GB
MAX_SMALL_MEMBER = 64 * 1024**2   # JSON and CSV files are read whole; real ones are a few MB
ZIP_MAGIC = b"PK\x03\x04"
DAMAGED_ZIP = ("This zip file is damaged or incomplete — it may have been cut off while it "
               "was copied. Export your data again and import the new file.")


class Progress:
    """Bytes read so far against the bytes there are to read; calls ``report(fraction)``."""

    def __init__(self, report: Callable[[float], None] | None = None):
        self.report = report or (lambda _fraction: None)
        self.total = 1
        self.done = 0

    def plan(self, total: int) -> None:
        self.total = max(total, 1)

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        self.report(min(self.done / self.total, 1.0))


class Metered:
    """A read-only stream that tells ``progress`` how much was read."""

    def __init__(self, stream: BinaryIO, progress: Progress):
        self.stream, self.progress = stream, progress

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.progress.advance(len(data))
        return data


class Upload:
    """One uploaded file. ``names()`` lists its members; a plain file has one, ``name``."""

    def __init__(self, file: BinaryIO, name: str):
        self.file, self.name = file, name or "upload"
        self.file.seek(0)
        self.head = self.file.read(4096)
        self.file.seek(0)
        self.zip = self._open_zip() if self.head.startswith(ZIP_MAGIC) else None

    def _open_zip(self) -> zipfile.ZipFile:
        try:
            archive = zipfile.ZipFile(self.file)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportFormatError(DAMAGED_ZIP) from exc
        if sum(info.file_size for info in archive.infolist()) > 64 * MAX_UNPACKED:
            raise ImportFormatError("This zip file unpacks to far more than any health export.")
        return archive

    def names(self) -> list[str]:
        if self.zip is None:
            return [self.name]
        return [i.filename for i in self.zip.infolist()
                if not i.is_dir() and not i.filename.startswith("__MACOSX/")]

    def size(self, name: str) -> int:
        if self.zip is None:
            self.file.seek(0, 2)
            size = self.file.tell()
            self.file.seek(0)
            return size
        return self.zip.getinfo(name).file_size

    def check_total(self, names: list[str]) -> None:
        """Refuse before reading when the members to read unpack to more than MAX_UNPACKED."""
        if sum(self.size(n) for n in names) > MAX_UNPACKED:
            raise ImportFormatError("This export is larger than 8 GB unpacked; export a shorter "
                                   "period (the Health app and most services let you choose).")

    def open(self, name: str) -> BinaryIO:
        if self.zip is None:
            self.file.seek(0)
            return self.file
        try:
            return self.zip.open(name)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError) as exc:
            raise ImportFormatError(DAMAGED_ZIP) from exc

    def peek(self, name: str, nbytes: int = 4096) -> bytes:
        """The first bytes of a member (for recognising what it is)."""
        if self.zip is None:
            return self.head[:nbytes]
        with guarded():
            with self.open(name) as stream:
                return stream.read(nbytes)

    def read_small(self, name: str, progress: Progress) -> bytes:
        """A whole JSON or CSV member; refuses one larger than MAX_SMALL_MEMBER."""
        if self.size(name) > MAX_SMALL_MEMBER:
            raise ImportFormatError(f"{short(name)} is larger than any export file of its kind.")
        with guarded():
            stream = self.open(name)
            data = stream.read(MAX_SMALL_MEMBER + 1)
        if len(data) > MAX_SMALL_MEMBER:
            raise ImportFormatError(f"{short(name)} is larger than any export file of its kind.")
        progress.advance(len(data))
        return data

    def extract(self, name: str, target: BinaryIO, progress: Progress) -> None:
        """Copy a member into ``target`` (a database must be a real file to be opened)."""
        with guarded():
            shutil.copyfileobj(Metered(self.open(name), progress), target, 1024 * 1024)


class guarded:
    """Turn a damaged archive's low-level errors into one clear ImportFormatError."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, _tb):
        if kind is not None and issubclass(kind, (zipfile.BadZipFile, zlib.error, EOFError)):
            raise ImportFormatError(DAMAGED_ZIP) from exc
        return False


def short(name: str) -> str:
    """A member's file name without its folders, for messages."""
    return name.rsplit("/", 1)[-1]
