"""CBS residents per postcode in 5-year age bands (``inwoners-per-pc-leeftijd-YYYY.csv``).

Format quirks (seen in the 2021 file):

- ``,``-separated, plain UTF-8, header ``postcode,leeftijd,inwoners,inwoners_man,
  inwoners_vrouw``; one row per area x age band ('0-4' ... '90-94', '95+').
- The ``postcode`` column mixes three levels: PC2 (2 digits, e.g. ``10``), PC3 (3 digits,
  ``101``) and PC4 (``1011``). The PC2 and PC3 rows are aggregates of the PC4 rows (the
  national totals agree exactly); only PC4 rows are kept and the skipped aggregates are
  counted in the notes.
- Counts are written as decimals (``39925.0``) and rounded by CBS to multiples of 5, so
  men + women may differ slightly from the total.
- Some PC4 areas have all three counts empty (too few residents to publish): stored as
  masked (count NULL), never as 0. CBS secrecy markers (``-99997`` and the like) are
  treated the same way; other negative values are an error.
- The year is taken from the file name (``...-2021.csv``), else from ``--year``.
"""

from __future__ import annotations

import re
from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, reference_year

REQUIRED = ("POSTCODE", "LEEFTIJD", "INWONERS", "INWONERS_MAN", "INWONERS_VROUW")
_SEXES = (("INWONERS", "all"), ("INWONERS_MAN", "m"), ("INWONERS_VROUW", "f"))
_POSTCODE = re.compile(r"^([0-9]{2,4})(?:\.0+)?$")
_BAND = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_OPEN_BAND = re.compile(r"^(\d+)\s*\+$|^(\d+)\s+(?:jaar\s+)?en\s+ouder$", re.IGNORECASE)
#: CBS writes secret or unavailable values as large negative numbers (-99997 '0-4 / geheim',
#: -99995, -99998 ...); anything at or below this threshold is such a marker.
SECRET_BELOW = -99990.0
#: More residents than the Netherlands has in one cell is damage (``1e9``).
MAX_RESIDENTS = 20_000_000
_PLAIN = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")


def age_range(band: str) -> tuple[int, int | None] | None:
    """``'0-4'`` -> (0, 4); ``'95+'`` -> (95, None); ``'totaal'`` -> (0, None); else None."""
    text = band.strip()
    m = _BAND.match(text)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _OPEN_BAND.match(text)
    if m:
        return int(m.group(1) or m.group(2)), None
    if text.lower() in {"totaal", "total"}:
        return 0, None
    return None


def cbs_number(value: str, *, file: Path, line: int, column: str) -> tuple[float | None, bool]:
    """A CBS count cell: ``'39925.0'`` -> (39925.0, False); ``''``, ``'nan'`` or a secrecy
    marker like ``'-99997'`` -> (None, True). Other text (``1e9``, ``inf``, ``nan``,
    ``1_000``), negatives and more than MAX_RESIDENTS raise InputError."""
    v = value.strip().strip('"')
    if v.lower() in {"", ".", "-", "x"}:
        return None, True
    if not _PLAIN.match(v):
        raise InputError(
            f"expected a number of residents (e.g. '125.0'), found {value.strip()[:40]!r}",
            file=file,
            line=line,
            column=column,
        )
    number = float(v.replace(",", "."))
    if number <= SECRET_BELOW:
        return None, True
    if number > MAX_RESIDENTS or number != int(number):
        raise InputError(
            f"expected a whole number of residents up to {MAX_RESIDENTS:,}, found {value!r}",
            file=file,
            line=line,
            column=column,
        )
    if number < 0:
        raise InputError(
            f"expected a number of residents >= 0 (or a CBS secrecy marker such as -99997), "
            f"found {value!r}",
            file=file,
            line=line,
            column=column,
        )
    return number, False


class CbsPostcodeAgeReader:
    """Reads residents per PC4 x 5-year age band x sex."""

    info = DatasetInfo(
        name="cbs_population_pc4_age",
        title="CBS inwoners per postcode (PC4) naar leeftijd en geslacht",
        publisher="CBS (Centraal Bureau voor de Statistiek)",
        licence="CC BY 4.0",
        tables=("population",),
        url="https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/gegevens-per-postcode",
    )

    def matches(self, sniff: Sniff) -> bool:
        """A CSV with postcode, leeftijd and the three inwoners columns."""
        return sniff.suffix.lower().lstrip(".") == "csv" and set(REQUIRED) <= set(sniff.header)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Keep PC4 rows, parse age bands, carry masks."""
        year = reference_year(path, context.year, "inwoners-per-pc-leeftijd-2021.csv")
        f = DelimitedFile(path, encoding="utf-8")  # CBS writes UTF-8 only
        f.require(REQUIRED)
        out: list[dict[str, object]] = []
        skipped = {2: 0, 3: 0}
        skipped_areas: dict[int, set[str]] = {2: set(), 3: set()}
        seen: dict[tuple[str, str], int] = {}
        masked_rows = 0
        masked_areas: set[str] = set()
        not_multiple_of_5 = 0
        for row in f.rows():
            raw_pc = row.get("POSTCODE")
            m = _POSTCODE.match(raw_pc)
            if not m:
                raise InputError(
                    f"expected a postcode of 2, 3 or 4 digits, found {raw_pc!r}",
                    file=path,
                    line=row.line,
                    column="POSTCODE",
                )
            pc = m.group(1)
            if len(pc) < 4:
                skipped[len(pc)] += 1
                skipped_areas[len(pc)].add(pc)
                continue
            band = row.get("LEEFTIJD")
            ages = age_range(band)
            if ages is None:
                raise InputError(
                    f"expected an age band like '0-4' or '95+', found {band!r}",
                    file=path,
                    line=row.line,
                    column="LEEFTIJD",
                )
            key = (pc, band)
            if key in seen:
                raise InputError(
                    f"postcode {pc} age band {band!r} appears twice (first at line "
                    f"{seen[key]}); expected one row per postcode and age band",
                    file=path,
                    line=row.line,
                )
            seen[key] = row.line
            row_masked = False
            for column, sex in _SEXES:
                count, masked = cbs_number(row.get(column), file=path, line=row.line, column=column)
                row_masked = row_masked or masked
                if count is not None and count % 5:
                    not_multiple_of_5 += 1
                out.append(
                    {
                        "dataset": self.info.name,
                        "year": year,
                        "area_level": "pc4",
                        "area_code": pc,
                        "age_band": band,
                        "age_min": ages[0],
                        "age_max": ages[1],
                        "sex": sex,
                        "count": count,
                        "masked": masked,
                    }
                )
            if row_masked:
                masked_rows += 1
                masked_areas.add(pc)
        if not out:
            raise InputError("no PC4 rows found; expected 4-digit postcodes", file=path)
        postcodes = len({pc for pc, _ in seen})
        notes = [
            (
                f"kept {len(seen)} PC4 rows ({postcodes} postcodes); skipped "
                f"{skipped[2]} PC2 aggregate rows ({len(skipped_areas[2])} areas) and "
                f"{skipped[3]} PC3 aggregate rows ({len(skipped_areas[3])} areas)"
            )
        ]
        if masked_rows:
            notes.append(
                f"{masked_rows} PC4 rows in {len(masked_areas)} postcodes have empty or secret "
                "counts: stored as masked (NULL), not 0 "
                f"(e.g. {', '.join(sorted(masked_areas)[:5])})"
            )
        if not_multiple_of_5 == 0:
            notes.append("CBS rounds these counts to multiples of 5; m + f may differ from all")
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"population": to_arrow("population", out)},
            notes=tuple(notes),
        )
