"""Shared reader for DUO's two mbo files per institution x place x sectorkamer x leerweg x
programme x level x sex, with one count column per year and sex: students
(``MAN2021``/``VROUW2021``, table ``mbo_student``) and graduates (``DIPMAN2021``/
``DIPVROUW2021``, table ``mbo_diploma``). The two readers (duo_mbo_students.py,
duo_mbo_diplomas.py) differ only in their count columns and table.

Documented columns (DUO CKAN portal, as recorded in the public catalogue
cedanl/rio-onderwijsdata ``src/riodata/data/duo_resources.json``): INSTELLINGSCODE,
INSTELLINGSNAAM, SOORT INSTELLING (students only), PLAATSNAAM INSTELLING, LEERWEG, NIVEAU,
ERKENDE OPLEIDING CODE, ERKENDE OPLEIDING NAAM, SECTORKAMER NAAM, HOOFDGROEP NAAM, then
the count columns. Renamings accepted: BRIN NUMMER / INSTELLINGSCODE, OPLEIDINGSCODE /
BEROEPSOPLEIDING CODE / CREBO for the crebo, SECTORKAMER for SECTORKAMER NAAM.
"""

from __future__ import annotations

import re
from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.sources import duo_mbo_format as fmt
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, parse_count

ALIASES: dict[str, tuple[str, ...]] = {
    "brin": ("INSTELLINGSCODE", "BRIN NUMMER", "BRINNUMMER", "INSTELLINGSCODE ACTUEEL"),
    "institution": ("INSTELLINGSNAAM", "INSTELLINGSNAAM ACTUEEL"),
    "place": ("PLAATSNAAM INSTELLING", "PLAATSNAAM", "PLAATS INSTELLING"),
    "leerweg": ("LEERWEG",),
    "level": ("NIVEAU", "NIVEAU OPLEIDING"),
    "crebo": (
        "ERKENDE OPLEIDING CODE",
        "OPLEIDINGSCODE",
        "BEROEPSOPLEIDING CODE",
        "CREBO",
        "CREBOCODE",
    ),
    "programme": ("ERKENDE OPLEIDING NAAM", "OPLEIDINGSNAAM", "BEROEPSOPLEIDING NAAM"),
    "sectorkamer": ("SECTORKAMER NAAM", "SECTORKAMER"),
    "hoofdgroep": ("HOOFDGROEP NAAM", "HOOFDGROEP"),
}
REQUIRED = ("brin", "leerweg", "level", "crebo", "sectorkamer")


class ProgrammeCountsReader:
    """Base for the students and graduates readers (set ``info``, ``table``, ``pattern``)."""

    info: DatasetInfo
    table: str
    pattern: re.Pattern[str]
    example: str

    def matches(self, sniff: Sniff) -> bool:
        """Institution code, crebo, sectorkamer and this reader's count columns."""
        h = set(sniff.header)
        return (
            any(n in h for n in ALIASES["brin"])
            and any(n in h for n in ALIASES["crebo"])
            and any(n in h for n in ALIASES["sectorkamer"])
            and any(self.pattern.match(c) for c in h)
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate; one row per cell with a non-zero or masked count."""
        df = DelimitedFile(path)
        cols = fmt.resolve(df, ALIASES, REQUIRED)
        counts = fmt.select_years(
            fmt.count_columns(df.header, self.pattern), context.year, path, self.example
        )
        rows: list[dict[str, object]] = []
        for row in df.rows():
            base = {
                "dataset": self.info.name,
                "brin": fmt.brin(row.get(cols["brin"]), row, path, cols["brin"]),
                "institution": fmt.text(row, cols, "institution"),
                "place": fmt.text(row, cols, "place"),
                "leerweg": fmt.leerweg(row.get(cols["leerweg"]), row, path, cols["leerweg"]),
                "level": fmt.level(row.get(cols["level"]), row, path, cols["level"]),
                "crebo": fmt.text(row, cols, "crebo"),
                "programme": fmt.text(row, cols, "programme"),
                "sectorkamer": fmt.sectorkamer(
                    row.get(cols["sectorkamer"]), row, path, cols["sectorkamer"]
                ),
                "hoofdgroep": fmt.text(row, cols, "hoofdgroep"),
                "home_gemeente_code": None,
                "home_pc4": None,
            }
            for c in counts:
                n, masked = parse_count(
                    row.get(c.header), file=path, line=row.line, column=c.header
                )
                if n == 0 and not masked:
                    continue
                rows.append({**base, "year": c.year, "sex": c.sex, "count": n, "masked": masked})
        if not rows:
            raise InputError(
                "no counts found; expected at least one data row with a count", file=path
            )
        years = tuple(sorted({c.year for c in counts}))
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=years,
            tables={self.table: to_arrow(self.table, rows)},
        )
