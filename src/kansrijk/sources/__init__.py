"""One reader per publisher dataset: detect -> parse -> validate -> canonical table +
provenance."""

from kansrijk.sources.reader import ReadContext, Reader, Sniff
from kansrijk.sources.registry import detect, reader_named, readers, sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of

__all__ = [
    "DatasetInfo",
    "ReadContext",
    "ReadResult",
    "Reader",
    "Sniff",
    "detect",
    "reader_named",
    "readers",
    "sha256_of",
    "sniff",
]
