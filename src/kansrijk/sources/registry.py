"""Every reader Kansrijk has, and detection of a file's dataset from its header."""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import UnknownDatasetError
from kansrijk.sources.limits import check_file
from kansrijk.sources.reader import Reader, Sniff
from kansrijk.sources.textfile import decode, normalise_header, sniff_delimiter


def readers() -> list[Reader]:
    """All readers, in the order their datasets should be loaded (regions first)."""
    from kansrijk.sources.cbs_pc4_figures import CbsPc4KeyFiguresReader
    from kansrijk.sources.cbs_pc4_gemeente import CbsPc4GemeenteReader
    from kansrijk.sources.cbs_population import CbsPostcodeAgeReader
    from kansrijk.sources.cbs_regions import CbsRegionsReader
    from kansrijk.sources.cbs_woonplaatsen import CbsWoonplaatsenReader
    from kansrijk.sources.duo_exam_results import DuoExamResultsReader
    from kansrijk.sources.duo_exams import DuoExamCandidatesReader
    from kansrijk.sources.duo_mbo_addresses import DuoMboAddressesReader
    from kansrijk.sources.duo_mbo_diplomas import DuoMboDiplomasReader
    from kansrijk.sources.duo_mbo_entrants import DuoMboEntrantsReader
    from kansrijk.sources.duo_mbo_students import DuoMboStudentsReader
    from kansrijk.sources.duo_mbo_students_home import DuoMboStudentsHomeReader
    from kansrijk.sources.duo_po import DuoPoPupilsReader
    from kansrijk.sources.duo_vo_enrollment import DuoVoEnrollmentReader
    from kansrijk.sources.duo_vo_locations import DuoVoLocationsReader
    from kansrijk.sources.pc4_centroids import Pc4CentroidsReader
    from kansrijk.sources.pdok_geometry import GemeenteBoundariesReader

    return [
        CbsRegionsReader(),
        DuoVoLocationsReader(),
        DuoVoEnrollmentReader(),
        DuoExamCandidatesReader(),
        DuoExamResultsReader(),
        DuoMboAddressesReader(),
        DuoMboStudentsReader(),
        DuoMboStudentsHomeReader(),
        DuoMboEntrantsReader(),
        DuoMboDiplomasReader(),
        CbsPostcodeAgeReader(),
        CbsPc4KeyFiguresReader(),
        CbsPc4GemeenteReader(),
        CbsWoonplaatsenReader(),
        GemeenteBoundariesReader(),
        Pc4CentroidsReader(),
        DuoPoPupilsReader(),
    ]


def reader_named(name: str) -> Reader:
    """The reader of a dataset name (``--dataset``)."""
    for r in readers():
        if r.info.name == name:
            return r
    raise UnknownDatasetError(
        f"unknown dataset {name!r}; expected one of {', '.join(r.info.name for r in readers())}"
    )


def sniff(path: Path) -> Sniff:
    """Look at a file's header (CSV), first sheet (xlsx) or feature properties (GeoJSON)."""
    check_file(path)
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".zip":  # a publisher's folder or zip of CSV files
        return Sniff(path, suffix, _first_csv_header(path))
    if suffix == ".xlsx":
        from kansrijk.sources.cbs_pc4_figures import sniff_xlsx

        return Sniff(path, suffix, sniff_xlsx(path))
    if suffix in {".geojson", ".json"}:
        from kansrijk.sources.pdok_geometry import sniff_geojson

        return Sniff(path, suffix, sniff_geojson(path))
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    return Sniff(path, suffix, _header(head))


def _header(head: bytes) -> tuple[str, ...]:
    text, _ = decode(head if b"\n" not in head else head[: head.index(b"\n")])
    delim = sniff_delimiter(text)
    return tuple(normalise_header(h) for h in text.strip().split(delim))


def _first_csv_header(path: Path) -> tuple[str, ...]:
    """The header of the first non-empty CSV in a folder or zip; () when there is none."""
    import zipfile

    if path.is_dir():
        for f in sorted(path.iterdir()):
            if f.suffix.lower() == ".csv" and f.stat().st_size:
                with f.open("rb") as fh:
                    return _header(fh.read(64 * 1024))
        return ()
    try:
        with zipfile.ZipFile(path) as zf:
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                if info.filename.lower().endswith(".csv") and info.file_size:
                    with zf.open(info) as fh:
                        return _header(fh.read(64 * 1024))
    except zipfile.BadZipFile:
        return ()
    return ()


def detect(path: Path) -> Reader:
    """The reader whose dataset this file is.

    Raises:
        UnknownDatasetError: no reader matches; the message shows the header and lists the
            datasets Kansrijk can read.
    """
    s = sniff(path)
    for r in readers():
        if r.matches(s):
            return r
    shown = ", ".join(s.header[:8]) + (", ..." if len(s.header) > 8 else "")
    raise UnknownDatasetError(
        f"not a dataset Kansrijk can read (header: {shown}); expected one of: "
        + "; ".join(f"{r.info.name} ({r.info.title})" for r in readers())
        + ". Use --dataset NAME if the header was renamed.",
        file=path,
        line=1,
    )
