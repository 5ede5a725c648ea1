"""DUO ``03.-leerlingen-po-per-gemeente-postcode-leerling-leeftijd``: pupils of every primary
school location by the pupil's home postcode (PC4) and age, peildatum 1 October.

DUO publishes it as one zip with one file per gemeente of the school (``Rotterdam
afgeschermd.csv``). Format of each file: ``"``-quoted ``;``, UTF-8 with BOM, counts of 1-4
masked as ``<5``. This reader accepts the zip, the unpacked folder or one gemeente file.

What real downloads contain and how it is handled:
- an empty member (``Ridderkerk afgeschermd.csv`` has 0 bytes in the copy we have): in a
  zip or folder it is skipped with a note naming the file (the pupils of that gemeente's
  schools are then missing); given alone it is an error that says so;
- garbled member names (``Noardeast-FryslÉn``: the zip's names were decoded with the wrong
  code page): harmless, because the gemeente is read from the rows, never from the name;
- ``POSTCODE_LEERLING`` is a PC4 or one of DUO's codes 10 (Belgium), 20 (Germany), 30
  (another country), 40 (unknown), kept as they are (``ABROAD``);
- a single gemeente file replaces the whole dataset-year when loaded (the dataset-year is
  national): load the zip or folder to have every gemeente.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

from kansrijk.errors import InputError, MissingFileError
from kansrijk.regions import current_code, normalise_gemeente_code
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.limits import check_zip
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, decode, normalise_postcode, parse_count

INFO = DatasetInfo(
    name="duo_po_pupils",
    title="DUO leerlingen po per gemeente naar postcode leerling en leeftijd",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("po_pupils",),
    url=(
        "https://duo.nl/open_onderwijsdata/primair-onderwijs/aantal-leerlingen/"
        "leerlingen-po-per-gemeente-postcode-leerling-leeftijd.jsp"
    ),
)

REQUIRED = (
    "PEILDATUM",
    "GEMEENTENUMMER",
    "POSTCODE_LEERLING",
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "INSTELLINGSNAAM_VESTIGING",
    "LEEFTIJD_4",
)
#: DUO's codes in POSTCODE_LEERLING for pupils without a Dutch PC4 (kept as they are).
ABROAD: dict[str, str] = {"10": "Belgie", "20": "Duitsland", "30": "ander land", "40": "Onbekend"}
#: Age columns in file order and the canonical age they stand for.
AGES: tuple[tuple[str, str], ...] = (
    ("LEEFTIJD_JONGER", "<4"),
    *((f"LEEFTIJD_{a}", str(a)) for a in range(4, 25)),
    ("LEEFTIJD_OUDER", ">24"),
)


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    """(display name, bytes) of every CSV in a zip, a folder or the one file."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise MissingFileError(f"{path}: no .csv files in this folder")
        for f in files:
            yield str(f), f.read_bytes()
    elif path.suffix.lower() == ".zip":
        if not zipfile.is_zipfile(path):
            raise InputError(
                "expected a zip archive (DUO's download of one CSV per gemeente), found "
                "something else; is the download damaged?",
                file=path,
            )
        check_zip(path)  # a zip bomb is refused before anything is decompressed
        try:
            with zipfile.ZipFile(path) as zf:
                names = sorted(n for n in zf.namelist() if n.lower().endswith(".csv"))
                if not names:
                    raise InputError("no .csv files in this zip", file=path)
                for n in names:
                    yield f"{path}!{n}", zf.read(n)
        except zipfile.BadZipFile:
            raise InputError("expected a zip archive, found something else", file=path) from None
    else:
        yield str(path), path.read_bytes()


def _digest(path: Path) -> str:
    if not path.is_dir():
        return sha256_of(path)
    h = hashlib.sha256()
    for f in sorted(path.iterdir()):
        if f.suffix.lower() == ".csv":
            h.update(f.name.encode() + b"\0" + bytes.fromhex(sha256_of(f)))
    return h.hexdigest()


class DuoPoPupilsReader:
    """Reader for DUO's primary-school pupils by home PC4 and age (``duo_po_pupils``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Header has the pupil's postcode, the school codes and the age columns."""
        return all(c in sniff.header for c in REQUIRED)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse every member; skip (and note) empty ones in a zip or folder."""
        rows: list[dict[str, object]] = []
        notes: list[str] = []
        years: set[int] = set()
        single = not path.is_dir() and path.suffix.lower() != ".zip"
        members = 0
        for name, raw in _members(path):
            members += 1
            if not raw.strip():
                if single:
                    raise InputError(
                        "the file is empty (0 data bytes); expected DUO's header line and one "
                        "row per school x pupil postcode. Download the file again.",
                        file=name,
                        line=1,
                    )
                notes.append(
                    f"{name}: empty file skipped; the pupils of this gemeente's schools are "
                    "missing (download the file again)"
                )
                continue
            text, _ = decode(raw)
            df = DelimitedFile(Path(name), text)
            df.require(REQUIRED)
            years.update(_read_member(df, rows, context.year))
        if not rows:
            raise InputError(
                f"no pupils found in {members} file(s); expected at least one data row",
                file=path,
            )
        if len(years) > 1:
            raise InputError(
                f"expected one peildatum, found the years {sorted(years)}; load each release "
                "on its own",
                file=path,
            )
        if single:
            notes.append(
                f"one gemeente file ({path.name}): it replaces every earlier load of "
                f"{next(iter(years))}; load DUO's zip or folder to have all gemeenten"
            )
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=_digest(path),
            years=tuple(sorted(years)),
            tables={"po_pupils": to_arrow("po_pupils", rows)},
            notes=tuple(notes),
        )


def _read_member(df: DelimitedFile, out: list[dict[str, object]], year: int | None) -> set[int]:
    years: set[int] = set()
    file = df.path
    for row in df.rows():
        peil = row.get("PEILDATUM")
        if len(peil) != 8 or not peil.isdigit():
            raise InputError(
                f"expected a date like 20241001, found {peil!r}",
                file=file,
                line=row.line,
                column="PEILDATUM",
            )
        y = year or int(peil[:4])
        years.add(y)
        try:
            gm_source = normalise_gemeente_code(row.get("GEMEENTENUMMER"))
        except ValueError:
            raise InputError(
                f"expected a 4-digit gemeente number, found {row.get('GEMEENTENUMMER')!r}",
                file=file,
                line=row.line,
                column="GEMEENTENUMMER",
            ) from None
        pupil_pc4 = row.get("POSTCODE_LEERLING")
        if not ((len(pupil_pc4) == 4 and pupil_pc4.isdigit()) or pupil_pc4 in ABROAD):
            raise InputError(
                f"expected a 4-digit postcode or one of DUO's codes {', '.join(ABROAD)}, "
                f"found {pupil_pc4!r}",
                file=file,
                line=row.line,
                column="POSTCODE_LEERLING",
            )
        brin = row.get("INSTELLINGSCODE").upper()
        vest = row.get("VESTIGINGSCODE").zfill(2)
        if len(brin) != 4 or len(vest) != 2:
            raise InputError(
                f"expected a 4-character BRIN and 2-digit vestiging, found {brin!r} {vest!r}",
                file=file,
                line=row.line,
                column="INSTELLINGSCODE",
            )
        postcode, pc4 = normalise_postcode(row.get("POSTCODE_VESTIGING"))
        base = {
            "dataset": INFO.name,
            "year": y,
            "school_code": brin + vest,
            "brin": brin,
            "school_name": row.get("INSTELLINGSNAAM_VESTIGING") or None,
            "school_postcode": postcode,
            "school_pc4": pc4,
            "school_place": row.get("PLAATSNAAM") or None,
            "gemeente_code": current_code(gm_source),
            "gemeente_code_source": gm_source,
            "gemeente_name_source": row.get("GEMEENTENAAM") or None,
            "school_kind": row.get("SOORT_PO") or None,
            "denomination": row.get("DENOMINATIE_VESTIGING") or None,
            "board": row.get("BEVOEGD_GEZAG_NUMMER") or None,
            "pupil_pc4": pupil_pc4,
            "pupil_gemeente_name": row.get("GEMEENTENAAM_LEERLING") or None,
        }
        values = row.values
        for column, age in AGES:
            raw = values.get(column)
            if raw is None or raw == "0":  # most cells: nothing to parse
                continue
            count, masked = parse_count(raw, file=file, line=row.line, column=column)
            if masked or count:
                out.append(base | {"age": age, "count": count, "masked": masked})
    return years
