"""What a reader returns: canonical tables plus provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A publisher dataset Kansrijk can read."""

    name: str  # e.g. 'duo_vo_enrollment'
    title: str
    publisher: str
    licence: str
    tables: tuple[str, ...]  # canonical tables it fills
    url: str = ""  # landing page or download URL
    reader_version: str = "1"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Canonical tables read from one file, ready for one warehouse load.

    ``years`` are the dataset-years this file provides; loading it replaces exactly
    those dataset-years. ``notes`` are observations worth reporting (e.g. rows skipped
    because they are aggregates), never silent data loss.
    """

    dataset: DatasetInfo
    path: Path
    sha256: str
    years: tuple[int, ...]
    tables: dict[str, pa.Table]
    notes: tuple[str, ...] = field(default=())
    fictional: bool = False

    @property
    def rows(self) -> int:
        """Total rows over all tables."""
        return sum(t.num_rows for t in self.tables.values())


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
