"""CBS woonplaatsen -> gemeente (``woonplaatsen-gemeente-corop-YYYY.csv``): for placing a school
location that no locations file has, by the place name DUO prints in the enrollment file.

Layout seen (2024, a table derived from CBS 'Woonplaatsen in Nederland 2024' joined to
'Gebieden in Nederland 2024'): ``,``-separated UTF-8, header ``Woonplaatscode, Woonplaats,
Gemeentecode, Gemeente, COROP-gebiedcode, COROP-gebied``; gemeente codes as 4 digits
(``0873``), COROP codes as 2 digits. Woonplaats names are NOT unique in the Netherlands (70
names occur twice or more in 2024, e.g. Velp, Laren, Zevenhuizen): placing by name therefore
also needs the province (DUO's ``PROVINCIE VESTIGING``; the province of each gemeente comes
from CBS Gebieden in Nederland). Woonplaats codes must be unique; gemeente codes are mapped
to current codes through the packaged mergers. Year from the file name or ``--year``.
"""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.regions import current_code, normalise_gemeente_code
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, reference_year

REQUIRED = ("WOONPLAATSCODE", "WOONPLAATS", "GEMEENTECODE")

INFO = DatasetInfo(
    name="cbs_woonplaatsen",
    title="CBS woonplaatsen in Nederland (woonplaats -> gemeente)",
    publisher="CBS (Centraal Bureau voor de Statistiek)",
    licence="CC BY 4.0",
    tables=("woonplaats",),
    # CBS StatLine 'Woonplaatsen in Nederland'; the table id could not be confirmed here
    url="https://opendata.cbs.nl/statline/",
)


class CbsWoonplaatsenReader:
    """Reads woonplaats -> gemeente (current code)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """A CSV with woonplaats code and name and a gemeente code."""
        return set(REQUIRED) <= set(sniff.header)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate; gemeente codes -> current codes."""
        year = reference_year(path, context.year, "woonplaatsen-gemeente-corop-2024.csv")
        df = DelimitedFile(path)
        df.require(REQUIRED)
        rows: list[dict[str, object]] = []
        seen: dict[str, int] = {}
        for row in df.rows():
            code = row.get("WOONPLAATSCODE")
            name = row.get("WOONPLAATS")
            if not code.isdigit() or not name:
                raise InputError(
                    f"expected a numeric woonplaats code and a name, found {code!r} and {name!r}",
                    file=path,
                    line=row.line,
                    column="WOONPLAATSCODE" if not code.isdigit() else "WOONPLAATS",
                )
            if code in seen:
                raise InputError(
                    f"woonplaats code {code} appears twice (first on line {seen[code]})",
                    file=path,
                    line=row.line,
                    column="WOONPLAATSCODE",
                )
            seen[code] = row.line
            raw_gm = row.get("GEMEENTECODE")
            try:
                gm_source = normalise_gemeente_code(raw_gm)
            except ValueError:
                raise InputError(
                    f"expected a 4-digit gemeente code (e.g. 0873 or GM0873), found {raw_gm!r}",
                    file=path,
                    line=row.line,
                    column="GEMEENTECODE",
                ) from None
            corop = row.get("COROP-GEBIEDCODE")
            rows.append(
                {
                    "dataset": INFO.name,
                    "year": year,
                    "woonplaats_code": code,
                    "name": name,
                    "gemeente_code_source": gm_source,
                    "gemeente_code": current_code(gm_source),
                    "gemeente_name_source": row.get("GEMEENTE") or None,
                    "corop_code": f"CR{corop.zfill(2)}" if corop.isdigit() else None,
                }
            )
        if not rows:
            raise InputError("no woonplaatsen found; expected at least one data row", file=path)
        gms = {str(r["gemeente_code"]) for r in rows}
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"woonplaats": to_arrow("woonplaats", rows)},
            notes=(f"{len(rows)} woonplaatsen in {len(gms)} current gemeenten",),
        )
