"""DUO 'Adressen mbo' (CKAN dataset ``adressen_mbo``, resource 'instellingen mbo',
``instellingenmbo.csv``): mbo institutions with their visiting address and gemeente; a
snapshot (DUO refreshes it; no older versions).

Column list: DUO's address files share one layout (documented for 'Adressen hoger
onderwijs' in the public catalogue cedanl/rio-onderwijsdata
``src/riodata/data/duo_resources.json``: PROVINCIE, BEVOEGD GEZAG NUMMER,
INSTELLINGSCODE, INSTELLINGSNAAM, STRAATNAAM, HUISNUMMER-TOEVOEGING, POSTCODE,
PLAATSNAAM, GEMEENTENUMMER, GEMEENTENAAM, DENOMINATIE, ...); the mbo file's own type
columns ``MBO INSTELLINGSSOORT - CODE`` / ``- NAAM`` are named in public code that reads
it. That the mbo file has exactly the ho layout otherwise is an assumption. Public code
describes the rows as one per institution location; whether DUO lists branch locations
or only each institution's main address was not verifiable without the file: Kansrijk
keeps every row (code = INSTELLINGSCODE, with ``-2``, ``-3`` ... for further rows of the
same institution). Locations are placed at their PC4 centroid, as vo locations are. Not
tried against a real copy of the file.
"""

from __future__ import annotations

from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.regions import current_code, normalise_gemeente_code
from kansrijk.sources import duo_mbo_format as fmt
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, normalise_postcode, reference_year

INFO = DatasetInfo(
    name="duo_mbo_addresses",
    title="DUO adressen mbo-instellingen",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("mbo_location",),
    url="https://onderwijsdata.duo.nl/dataset/adressen_mbo",
)

ALIASES: dict[str, tuple[str, ...]] = {
    "brin": ("INSTELLINGSCODE", "BRIN NUMMER", "BRINNUMMER"),
    "name": ("INSTELLINGSNAAM",),
    "board": ("BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG"),
    "kind": ("MBO INSTELLINGSSOORT - NAAM", "MBO INSTELLINGSSOORT - CODE", "MBO INSTELLINGSSOORT"),
    "street": ("STRAATNAAM",),
    "house_number": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE",),
    "place": ("PLAATSNAAM",),
    "gemeente": ("GEMEENTENUMMER",),
    "gemeente_name": ("GEMEENTENAAM",),
    "province": ("PROVINCIE",),
}
REQUIRED = ("brin", "name", "postcode", "gemeente")


class DuoMboAddressesReader:
    """Reader for DUO's mbo institution addresses (``duo_mbo_addresses``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """An institution code and address, plus an MBO INSTELLINGSSOORT column."""
        h = set(sniff.header)
        return (
            any(n in h for n in ALIASES["brin"])
            and "POSTCODE" in h
            and "GEMEENTENUMMER" in h
            and any(n in h for n in ALIASES["kind"])
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse and validate; gemeente codes are mapped to current codes."""
        year = reference_year(path, context.year, "instellingenmbo-2025.csv")
        df = DelimitedFile(path)
        cols = fmt.resolve(df, ALIASES, REQUIRED)
        rows: list[dict[str, object]] = []
        per_brin: dict[str, int] = {}
        for row in df.rows():
            brin = fmt.brin(row.get(cols["brin"]), row, path, cols["brin"])
            per_brin[brin] = per_brin.get(brin, 0) + 1
            code = brin if per_brin[brin] == 1 else f"{brin}-{per_brin[brin]}"
            raw_gm = row.get(cols["gemeente"])
            try:
                gm_source = normalise_gemeente_code(raw_gm)
            except ValueError:
                raise InputError(
                    f"expected a gemeente number of up to 4 digits, found {raw_gm!r}",
                    file=path,
                    line=row.line,
                    column=cols["gemeente"],
                ) from None
            postcode, pc4 = normalise_postcode(row.get(cols["postcode"]))
            rows.append(
                {
                    "dataset": INFO.name,
                    "year": year,
                    "mbo_code": code,
                    "name": row.get(cols["name"]) or None,
                    "pc4": pc4,
                    "gemeente_code": current_code(gm_source),
                    "sectorkamers": None,
                    "x_rd": None,
                    "y_rd": None,
                    "brin": brin,
                    "board": fmt.text(row, cols, "board"),
                    "kind": fmt.text(row, cols, "kind"),
                    "street": fmt.text(row, cols, "street"),
                    "house_number": fmt.text(row, cols, "house_number"),
                    "postcode": postcode,
                    "place": fmt.text(row, cols, "place"),
                    "gemeente_code_source": gm_source,
                    "gemeente_name_source": fmt.text(row, cols, "gemeente_name"),
                    "province": fmt.text(row, cols, "province"),
                }
            )
        if not rows:
            raise InputError("no institutions found; expected at least one data row", file=path)
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"mbo_location": to_arrow("mbo_location", rows)},
        )
