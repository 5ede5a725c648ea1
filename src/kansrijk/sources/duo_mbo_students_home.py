"""DUO 'Mbo-studenten per sectorkamer en leerweg', resource sectorkamer03 'Studenten per
sectorkamer leerweg niveau woongemeente woonprovincie'
(``2021-2025-sectorkamer03-studenten-per-sectorkamer-leerweg-niveau-woongemeente-
woonprovincie.csv``): students on 1 October by the gemeente they live in x sectorkamer x
leerweg x level, one count column per year (``JAAR_2021`` ... ``JAAR_2025``).

Column list: the DUO CKAN portal as recorded in the public catalogue
cedanl/rio-onderwijsdata ``src/riodata/data/duo_resources.json`` (SECTORKAMER NAAM,
HOOFDGROEP NAAM, LEERWEG, NIVEAU, WOONPROVINCIE, WOONGEMEENTE, JAAR_2021 ... JAAR_2025).
WOONGEMEENTE is a name, resolved to the current code with CBS 'Gebieden in Nederland'
(ingest it first or in the same run) plus the packaged former names; a name that does not
resolve (abroad, 'onbekend') is kept with gemeente_code NULL and reported in the notes.
Not tried against a real copy of the file.
"""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.sources import duo_mbo_format as fmt
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, parse_count

INFO = DatasetInfo(
    name="duo_mbo_students_home",
    title="DUO mbo-studenten per sectorkamer, leerweg, niveau en woongemeente",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("mbo_student_home",),
    url="https://onderwijsdata.duo.nl/dataset/mbo-studenten-per-sectorkamer-en-leerweg",
)

ALIASES: dict[str, tuple[str, ...]] = {
    "sectorkamer": ("SECTORKAMER NAAM", "SECTORKAMER"),
    "hoofdgroep": ("HOOFDGROEP NAAM", "HOOFDGROEP"),
    "leerweg": ("LEERWEG",),
    "level": ("NIVEAU",),
    "province": ("WOONPROVINCIE", "PROVINCIE STUDENT"),
    "gemeente": ("WOONGEMEENTE", "GEMEENTE STUDENT", "WOONGEMEENTENAAM"),
}
REQUIRED = ("sectorkamer", "leerweg", "level", "gemeente")


class DuoMboStudentsHomeReader:
    """Reader for mbo students by home gemeente x sectorkamer (``duo_mbo_students_home``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Sectorkamer, leerweg, home gemeente and ``JAAR_yyyy`` count columns."""
        h = set(sniff.header)
        return (
            any(n in h for n in ALIASES["sectorkamer"])
            and any(n in h for n in ALIASES["gemeente"])
            and "LEERWEG" in h
            and any(fmt.YEAR_COLUMN.match(c) for c in h)
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse, resolve home gemeente names, return ``mbo_student_home``."""
        df = DelimitedFile(path)
        cols = fmt.resolve(df, ALIASES, REQUIRED)
        counts = fmt.select_years(
            fmt.count_columns(df.header, fmt.YEAR_COLUMN), context.year, path, "JAAR_2021"
        )
        names = context.gemeente_names
        if names is None:
            raise InputError(
                "this file gives the home gemeente by name only; CBS 'Gebieden in Nederland' "
                "must be ingested first (or in the same run) to resolve names to codes",
                file=path,
            )
        rows: list[dict[str, object]] = []
        unknown: dict[str, int] = {}
        for row in df.rows():
            gm_name = row.get(cols["gemeente"])
            code = names.code_for(gm_name) if gm_name else None
            if code is None:
                unknown[gm_name or "(empty)"] = unknown.get(gm_name or "(empty)", 0) + 1
            base = {
                "dataset": INFO.name,
                "sectorkamer": fmt.sectorkamer(
                    row.get(cols["sectorkamer"]), row, path, cols["sectorkamer"]
                ),
                "hoofdgroep": fmt.text(row, cols, "hoofdgroep"),
                "leerweg": fmt.leerweg(row.get(cols["leerweg"]), row, path, cols["leerweg"]),
                "level": fmt.level(row.get(cols["level"]), row, path, cols["level"]),
                "province": fmt.text(row, cols, "province"),
                "gemeente_name_source": gm_name or None,
                "gemeente_code": code,
                "home_pc4": None,
            }
            for c in counts:
                n, masked = parse_count(
                    row.get(c.header), file=path, line=row.line, column=c.header
                )
                if n == 0 and not masked:
                    continue
                rows.append({**base, "year": c.year, "count": n, "masked": masked})
        if not rows:
            raise InputError(
                "no counts found; expected at least one data row with a count", file=path
            )
        notes: tuple[str, ...] = ()
        if unknown:
            shown = ", ".join(f"{k!r} ({v} rows)" for k, v in sorted(unknown.items())[:8])
            notes = (
                f"home gemeente not resolved to a code (kept with gemeente_code NULL): {shown}"
                + (" ..." if len(unknown) > 8 else ""),
            )
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=tuple(sorted({c.year for c in counts})),
            tables={"mbo_student_home": to_arrow("mbo_student_home", rows)},
            notes=notes,
        )
