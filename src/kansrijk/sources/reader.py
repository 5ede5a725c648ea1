"""The reader contract and the context readers may use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kansrijk.regions import GemeenteNames
from kansrijk.sources.result import DatasetInfo, ReadResult


@dataclass(frozen=True, slots=True)
class Sniff:
    """What detection looks at: the file's suffix, its first line (decoded), and for
    xlsx/GeoJSON a short description of the content (sheet header row / property names)."""

    path: Path
    suffix: str
    header: tuple[str, ...]  # normalised column names (upper case) or property names


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader may need besides the file.

    ``gemeente_names`` resolves names to current codes for files that carry only names
    (built from CBS Gebieden in Nederland in the warehouse or in the same ingest batch);
    None when no such data are available yet. ``year`` is the user's ``--year`` override.
    """

    gemeente_names: GemeenteNames | None = None
    year: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


class Reader(Protocol):
    """One publisher dataset: detect -> parse -> validate -> canonical tables + provenance."""

    info: DatasetInfo

    def matches(self, sniff: Sniff) -> bool:
        """True when the file looks like this dataset."""
        ...

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate the whole file; raise InputError subclasses on bad input."""
        ...
