"""Limits on what reading one input file may cost: its size, the decompressed size of a
zip container (xlsx), the time spent on it, and the kinds of file accepted at all.

A path must be a regular file: directories, FIFOs, sockets and devices (``/dev/zero``)
are refused before anything is read, so reading can never block or run forever. The
time limit is checked by the readers' row loops through :func:`check_time`, against the
deadline set by :func:`reading` around one file.
"""

from __future__ import annotations

import os
import stat
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from kansrijk.errors import InputError, MissingFileError

MB = 1024 * 1024
#: A zip member compressing better than this is treated as a zip bomb (real xlsx XML
#: compresses 5-30 times).
MAX_COMPRESSION_RATIO = 200


class LimitError(InputError):
    """An input file exceeds a limit (size, decompressed size, time) or is not a file."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one file may cost. ``from_settings`` takes them from the settings."""

    max_file_bytes: int = 256 * MB
    max_decompressed_bytes: int = 512 * MB
    seconds_per_file: float = 300.0

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits of the current settings (environment ``KANSRIJK_...``)."""
        from kansrijk.settings import Settings

        s = Settings()
        return cls(
            max_file_bytes=int(s.max_file_mb * MB),
            max_decompressed_bytes=int(s.max_decompressed_mb * MB),
            seconds_per_file=float(s.seconds_per_file),
        )


@dataclass(frozen=True, slots=True)
class _Reading:
    path: Path
    limits: Limits
    deadline: float


_current: ContextVar[_Reading | None] = ContextVar("kansrijk_reading", default=None)


def current_limits() -> Limits:
    """The limits of the file being read (defaults outside :func:`reading`)."""
    r = _current.get()
    return r.limits if r is not None else Limits()


@contextmanager
def reading(path: Path, limits: Limits) -> Iterator[None]:
    """Set the deadline for reading ``path`` for the duration of the block."""
    token = _current.set(_Reading(path, limits, time.monotonic() + limits.seconds_per_file))
    try:
        yield
    finally:
        _current.reset(token)


def check_time(path: Path, line: int | None = None) -> None:
    """Raise LimitError when the time limit of the file being read has passed."""
    r = _current.get()
    if r is not None and time.monotonic() > r.deadline:
        raise LimitError(
            f"reading took longer than the limit of {r.limits.seconds_per_file:g} s per file "
            "(setting KANSRIJK_SECONDS_PER_FILE); expected a file of the publisher's usual size",
            file=path,
            line=line,
        )


def _mb(n: float) -> str:
    return f"{n / MB:,.1f} MB"


def check_file(path: Path, limits: Limits | None = None) -> os.stat_result:
    """Refuse anything but an existing regular file within the size limit."""
    limits = limits or current_limits()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise MissingFileError(f"{path}: no such file; nothing was loaded") from None
    except OSError as exc:
        raise LimitError(f"cannot read this file ({exc.strerror})", file=path) from None
    if stat.S_ISDIR(st.st_mode):  # a publisher's folder of CSV files (DUO's unpacked zip)
        csvs = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not csvs:
            raise LimitError(
                "is a directory; expected a data file (CSV, XLSX, GeoJSON) or a publisher's "
                "folder of CSV files",
                file=path,
            )
        for f in csvs:
            check_file(f, limits)
        return st
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )
        raise LimitError(
            f"is {kind}, which could be endless; expected a regular data file", file=path
        )
    if st.st_size > limits.max_file_bytes:
        raise LimitError(
            f"the file is {_mb(st.st_size)}, more than the limit of "
            f"{_mb(limits.max_file_bytes)} (setting KANSRIJK_MAX_FILE_MB); expected a "
            "publisher's file (the largest known is a few MB)",
            file=path,
        )
    if not os.access(path, os.R_OK):
        raise LimitError("cannot read this file (permission denied)", file=path)
    return st


def check_zip(path: Path, limits: Limits | None = None) -> None:
    """Refuse a zip container (xlsx) that is damaged or would decompress beyond the limit,
    judged from its central directory before any member is decompressed."""
    limits = limits or current_limits()
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(
            f"not a readable zip/xlsx container ({exc}); expected an Excel .xlsx workbook "
            "(is the file truncated or damaged?)",
            file=path,
        ) from None
    total = 0
    for m in members:
        total += m.file_size
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > 10 * MB and ratio > MAX_COMPRESSION_RATIO:
            raise LimitError(
                f"member {m.filename!r} would expand {ratio:,.0f} times to {_mb(m.file_size)}; "
                "refused as a zip bomb (expected at most "
                f"{MAX_COMPRESSION_RATIO} times)",
                file=path,
            )
    if total > limits.max_decompressed_bytes:
        raise LimitError(
            f"the workbook would decompress to {_mb(total)}, more than the limit of "
            f"{_mb(limits.max_decompressed_bytes)} (setting KANSRIJK_MAX_DECOMPRESSED_MB)",
            file=path,
        )
