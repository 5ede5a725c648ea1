"""DUO 'Instromende mbo-studenten', the yearly file 'nieuw-instromende studenten per
instelling, niveau, leerweg, beroepsopleiding met soorten instroom'
(``2024-nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-
soorten-inst.csv``): entrants per institution x level x leerweg x programme (crebo) x kind
of inflow, in long format with one ``AANTAL`` per row.

Column list: the DUO CKAN portal as recorded in the public catalogue
cedanl/rio-onderwijsdata ``src/riodata/data/duo_resources.json`` (JAAR, INSTELLINGSCODE,
NIVEAU, LEERWEG, BEROEPSOPLEIDING CODE, BEROEPSOPLEIDING NAAM, WIJZIGING IN INSTELLING,
LAATSTE JAAR VO, VOOROPLEIDING VO, LAATSTE JAAR MBO, VOOROPLEIDING MBO, INSTROOM VO,
INSTROOM MBO, INSTROOM OPLEIDING, AANTAL; the same list for 2021-2025). Public code
documents INSTROOM MBO as a J/N indicator ('nieuw in het mbo'). The file has no
sectorkamer, sex or home gemeente: sectorkamers are mapped by crebo in the queries
(through the students' and graduates' files), and the entrant indicators count these
entrants at their institution's gemeente. The other variant of this dataset ('...
hoofdgroep ... vooropleiding', with TOTAAL MBO / INSTROOM MBO count columns) is not read.
Not tried against a real copy of the file.
"""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.sources import duo_mbo_format as fmt
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, parse_count, year_from_name

INFO = DatasetInfo(
    name="duo_mbo_entrants",
    title="DUO nieuw-instromende mbo-studenten per instelling, niveau, leerweg en beroepsopleiding",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("mbo_entrant",),
    url="https://onderwijsdata.duo.nl/dataset/instromende-mbo-studenten",
)

ALIASES: dict[str, tuple[str, ...]] = {
    "year": ("JAAR", "PEILJAAR"),
    "brin": ("INSTELLINGSCODE", "BRIN NUMMER", "BRINNUMMER"),
    "level": ("NIVEAU",),
    "leerweg": ("LEERWEG",),
    "crebo": ("BEROEPSOPLEIDING CODE", "ERKENDE OPLEIDING CODE", "OPLEIDINGSCODE", "CREBO"),
    "programme": ("BEROEPSOPLEIDING NAAM", "ERKENDE OPLEIDING NAAM", "OPLEIDINGSNAAM"),
    "prior_vo": ("VOOROPLEIDING VO",),
    "prior_mbo": ("VOOROPLEIDING MBO",),
    "from_vo": ("INSTROOM VO",),
    "new_to_mbo": ("INSTROOM MBO",),
    "new_to_programme": ("INSTROOM OPLEIDING",),
    "count": ("AANTAL", "AANTAL STUDENTEN", "AANTAL INSTROMERS"),
}
REQUIRED = ("brin", "level", "leerweg", "crebo", "new_to_mbo", "count")


class DuoMboEntrantsReader:
    """Reader for new mbo entrants with kinds of inflow (``duo_mbo_entrants``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Institution code, crebo, INSTROOM MBO and a single AANTAL column."""
        h = set(sniff.header)
        return (
            any(n in h for n in ALIASES["brin"])
            and any(n in h for n in ALIASES["crebo"])
            and "INSTROOM MBO" in h
            and any(n in h for n in ALIASES["count"])
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate; the year comes from JAAR (else --year or the file name)."""
        df = DelimitedFile(path)
        cols = fmt.resolve(df, ALIASES, REQUIRED)
        fallback = context.year or year_from_name(path)
        rows: list[dict[str, object]] = []
        for row in df.rows():
            year = self._year(
                row.get(cols["year"]) if "year" in cols else "", fallback, path, row.line
            )
            if context.year is not None and year != context.year:
                continue
            n, masked = parse_count(
                row.get(cols["count"]), file=path, line=row.line, column=cols["count"]
            )
            if n == 0 and not masked:
                continue
            rows.append(
                {
                    "dataset": INFO.name,
                    "year": year,
                    "brin": fmt.brin(row.get(cols["brin"]), row, path, cols["brin"]),
                    "leerweg": fmt.leerweg(row.get(cols["leerweg"]), row, path, cols["leerweg"]),
                    "level": fmt.level(row.get(cols["level"]), row, path, cols["level"]),
                    "crebo": fmt.text(row, cols, "crebo"),
                    "programme": fmt.text(row, cols, "programme"),
                    "sectorkamer": None,
                    "new_to_mbo": fmt.flag(
                        row.get(cols["new_to_mbo"]), row, path, cols["new_to_mbo"]
                    ),
                    "new_to_programme": fmt.flag(
                        row.get(cols["new_to_programme"]), row, path, cols["new_to_programme"]
                    )
                    if "new_to_programme" in cols
                    else None,
                    "from_vo": fmt.flag(row.get(cols["from_vo"]), row, path, cols["from_vo"])
                    if "from_vo" in cols
                    else None,
                    "prior_vo": fmt.text(row, cols, "prior_vo"),
                    "prior_mbo": fmt.text(row, cols, "prior_mbo"),
                    "sex": None,
                    "home_gemeente_code": None,
                    "home_pc4": None,
                    "count": n,
                    "masked": masked,
                }
            )
        if not rows:
            raise InputError(
                "no entrants found; expected at least one data row with a count", file=path
            )
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=tuple(sorted({int(str(r["year"])) for r in rows})),
            tables={"mbo_entrant": to_arrow("mbo_entrant", rows)},
        )

    @staticmethod
    def _year(value: str, fallback: int | None, path: Path, line: int) -> int:
        v = value.strip()
        if v.isdigit() and len(v) == 4:
            return int(v)
        if not v and fallback is not None:
            return fallback
        raise InputError(
            f"expected a 4-digit year in JAAR, found {value!r}"
            + ("" if v else " (and no year in the file name; use --year)"),
            file=path,
            line=line,
            column="JAAR",
        )
