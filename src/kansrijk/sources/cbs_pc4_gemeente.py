"""CBS postcode (PC4) -> place, gemeente, provincie (``postcodes-pc-gemeente-YYYY.csv``).

Format quirks (seen in the 2021 file):

- ``,``-separated, plain UTF-8, header ``postcode,inwoners,inwoners_man,inwoners_vrouw,
  plaats,gemeente,provincie,nuts3,ggdregio``; counts as decimals (``782445.0``).
- Like the age file, ``postcode`` mixes PC2 (``10``), PC3 (``101``) and PC4 (``1011``) rows;
  only PC4 rows are kept, the aggregates are counted in the notes.
- The gemeente is given by NAME only (``'s-Gravenhage``, ``Bergen (NH.)``, ``Beek``) and in
  the boundaries of the file's year (2021: before the 2022 and 2023 mergers, e.g. Brielle,
  Weesp, Heerhugowaard). Names are resolved to current codes with the gemeente names of
  CBS Gebieden in Nederland (``context.gemeente_names``) plus the packaged former names and
  aliases. Every unresolvable name is reported at once, with its first line.
- A few PC4 rows have an empty gemeente (and place): postcodes without residents or only
  a handful (e.g. industrial estates, water), some with a provincie. They are kept with
  gemeente_code NULL and counted in the notes.
- The residents columns are not read here (the age file and the PC4 key figures carry
  them); the year comes from the file name or ``--year``.
"""

from __future__ import annotations

import re
from pathlib import Path

from kansrijk.errors import InputError, UnknownCodeError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, reference_year

REQUIRED = ("POSTCODE", "PLAATS", "GEMEENTE", "PROVINCIE")
_POSTCODE = re.compile(r"^([0-9]{2,4})(?:\.0+)?$")


class CbsPc4GemeenteReader:
    """Reads the PC4 -> gemeente (current code) table."""

    info = DatasetInfo(
        name="cbs_pc4_gemeente",
        title="CBS postcodes (PC4) naar plaats, gemeente en provincie",
        publisher="CBS (Centraal Bureau voor de Statistiek)",
        licence="CC BY 4.0",
        tables=("pc4_area",),
        url="https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/gegevens-per-postcode",
    )

    def matches(self, sniff: Sniff) -> bool:
        """A CSV with postcode, plaats, gemeente and provincie columns."""
        return sniff.suffix.lower().lstrip(".") == "csv" and set(REQUIRED) <= set(sniff.header)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Keep PC4 rows and resolve gemeente names to current codes."""
        year = reference_year(path, context.year, "postcodes-pc-gemeente-2021.csv")
        f = DelimitedFile(path, encoding="utf-8")  # CBS writes UTF-8 only
        f.require(REQUIRED)
        names = context.gemeente_names
        if names is None:
            raise InputError(
                "this file gives gemeenten by name only; CBS 'Gebieden in Nederland' must be "
                "ingested first (or in the same run) to resolve names to codes",
                file=path,
            )
        out: list[dict[str, object]] = []
        seen: dict[str, int] = {}
        unknown: dict[str, int] = {}
        skipped = {2: 0, 3: 0}
        no_gemeente: list[str] = []
        no_gemeente_with_province = 0
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
                continue
            if pc in seen:
                raise InputError(
                    f"postcode {pc} appears twice (first at line {seen[pc]})",
                    file=path,
                    line=row.line,
                )
            seen[pc] = row.line
            name = row.get("GEMEENTE")
            code = None
            if not name:
                no_gemeente.append(pc)
                no_gemeente_with_province += bool(row.get("PROVINCIE"))
            else:
                code = names.code_for(name)
                if code is None:
                    unknown.setdefault(name, row.line)
            out.append(
                {
                    "dataset": self.info.name,
                    "year": year,
                    "pc4": pc,
                    "place": row.get("PLAATS") or None,
                    "gemeente_code": code,
                    "gemeente_name_source": name or None,
                    "province": row.get("PROVINCIE") or None,
                }
            )
        if unknown:
            listed = ", ".join(f"{n!r} (line {ln})" for n, ln in unknown.items())
            raise UnknownCodeError(
                f"{len(unknown)} gemeente name(s) match no current or former gemeente: "
                f"{listed}; expected names as in CBS Gebieden in Nederland",
                file=path,
                line=min(unknown.values()),
                column="GEMEENTE",
            )
        if not out:
            raise InputError("no PC4 rows found; expected 4-digit postcodes", file=path)
        resolved = {str(r["gemeente_code"]) for r in out if r["gemeente_code"]}
        notes = [
            (
                f"{len(out)} PC4 areas in {len(resolved)} current gemeenten; skipped "
                f"{skipped[2]} PC2 and {skipped[3]} PC3 aggregate rows"
            )
        ]
        if no_gemeente:
            notes.append(
                f"{len(no_gemeente)} PC4 areas have no gemeente in the file (postcodes without "
                f"or with very few residents; {no_gemeente_with_province} of them with a "
                f"provincie): kept with gemeente_code NULL ({', '.join(no_gemeente[:8])}"
                f"{', ...' if len(no_gemeente) > 8 else ''})"
            )
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"pc4_area": to_arrow("pc4_area", out)},
            notes=tuple(notes),
        )
