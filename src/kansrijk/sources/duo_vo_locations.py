"""DUO ``02.-alle-vestigingen-vo``: every secondary-school location with its address.

Format: ``;``-separated, latin-1, unquoted. ``VESTIGINGSNUMMER`` holds the full 6-character
location code (``18BR00``), ``GEMEENTENUMMER`` a 4-digit code of the gemeente as it was
when the file was made (mapped here to the current code through the packaged mergers),
``GEMEENTENAAM`` upper case (``'S-GRAVENHAGE``). Empty cells are padded with spaces.
"""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.regions import current_code, normalise_gemeente_code
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import (
    DelimitedFile,
    normalise_postcode,
    reference_year,
)

INFO = DatasetInfo(
    name="duo_vo_locations",
    title="DUO alle vestigingen vo",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("location",),
    url="https://duo.nl/open_onderwijsdata/voortgezet-onderwijs/adressen/vestigingen.jsp",
)

REQUIRED = ("BRIN NUMMER", "VESTIGINGSNUMMER", "VESTIGINGSNAAM", "POSTCODE", "GEMEENTENUMMER")
#: Every other column read: a file without one of them would load with NULLs.
ALSO_READ = (
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "PLAATSNAAM",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "ONDERWIJSSTRUCTUUR",
    "COROPGEBIED CODE",
)


class DuoVoLocationsReader:
    """Reader for DUO's list of vo locations (dataset ``duo_vo_locations``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Header has the location code, name, postcode and gemeente number."""
        return all(c in sniff.header for c in REQUIRED)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate; gemeente codes are mapped to current codes."""
        year = reference_year(path, context.year, "alle-vestigingen-vo-2019.csv")
        df = DelimitedFile(path)
        df.require((*REQUIRED, *ALSO_READ))
        rows: list[dict[str, object]] = []
        seen: dict[str, int] = {}
        for row in df.rows():
            brin = row.get("BRIN NUMMER").upper()
            code = row.get("VESTIGINGSNUMMER").upper()
            if len(code) == 2 and code.isdigit():
                code = brin + code
            if len(code) != 6 or not code.startswith(brin):
                raise InputError(
                    f"expected a 6-character location code starting with BRIN {brin!r}, "
                    f"found {code!r}",
                    file=path,
                    line=row.line,
                    column="VESTIGINGSNUMMER",
                )
            if code in seen:
                raise InputError(
                    f"location {code} appears twice (first on line {seen[code]})",
                    file=path,
                    line=row.line,
                )
            seen[code] = row.line
            try:
                gm_source = normalise_gemeente_code(row.get("GEMEENTENUMMER"))
            except ValueError:
                raise InputError(
                    f"expected a 4-digit gemeente number, found {row.get('GEMEENTENUMMER')!r}",
                    file=path,
                    line=row.line,
                    column="GEMEENTENUMMER",
                ) from None
            postcode, pc4 = normalise_postcode(row.get("POSTCODE"))
            rows.append(
                {
                    "dataset": INFO.name,
                    "year": year,
                    "loc_code": code,
                    "brin": brin,
                    "name": row.get("VESTIGINGSNAAM"),
                    "board": row.get("BEVOEGD GEZAG NUMMER") or None,
                    "street": row.get("STRAATNAAM") or None,
                    "house_number": row.get("HUISNUMMER-TOEVOEGING") or None,
                    "postcode": postcode,
                    "pc4": pc4,
                    "place": row.get("PLAATSNAAM") or None,
                    "gemeente_code_source": gm_source,
                    "gemeente_code": current_code(gm_source),
                    "gemeente_name_source": row.get("GEMEENTENAAM") or None,
                    "province": row.get("PROVINCIE") or None,
                    "denomination": row.get("DENOMINATIE") or None,
                    "structure": row.get("ONDERWIJSSTRUCTUUR") or None,
                    "corop_code": _corop(row.get("COROPGEBIED CODE")),
                    "phone": row.get("TELEFOONNUMMER") or None,
                    "website": row.get("INTERNETADRES") or None,
                }
            )
        if not rows:
            raise InputError("no locations found; expected at least one data row", file=path)
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"location": to_arrow("location", rows)},
        )


def _corop(value: str) -> str | None:
    v = value.strip()
    return f"CR{v.zfill(2)}" if v.isdigit() else None
