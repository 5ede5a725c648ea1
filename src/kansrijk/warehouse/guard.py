"""The replace guard: a new file may replace a loaded dataset-year only when it is not
much smaller than what it replaces.

A truncated download (cut on a row boundary), a header-only file or a GeoJSON holding one
of 342 gemeenten parses without error; what gives it away is that it holds much less than
the release it would replace. The guard compares, per dataset-year and table, the rows and
the distinct locations/areas (the table's unit) of the loaded data with the incoming
ones, and refuses the load when either falls below ``min_share`` (setting
``replace_min_share``, default 90%) or when a region or boundary set loses a gemeente.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from kansrijk.errors import InputError

#: The unit counted per table: rows hold figures *about* these (locations, areas).
UNITS: dict[str, tuple[str, str]] = {
    "location": ("loc_code", "locations"),
    "vo_enrollment": ("loc_code", "locations"),
    "vo_exam": ("loc_code", "locations"),
    "vo_exam_result": ("loc_code", "locations"),
    "region": ("code", "regions"),
    "region_member": ("child", "gemeenten"),
    "population": ("area_code", "areas"),
    "area_figure": ("area_code", "areas"),
    "pc4_area": ("pc4", "postcodes"),
    "pc4_centroid": ("pc4", "postcodes"),
    "geometry": ("area_code", "gemeenten"),
    "mbo_location": ("mbo_code", "locations"),
}
#: Tables whose set of units must not shrink at all (a region set).
SETS = ("region", "region_member", "geometry")


class ShrinkingReplaceError(InputError):
    """A file would replace a loaded dataset-year with much less data."""


@dataclass(frozen=True, slots=True)
class _Loss:
    year: int
    table: str
    old_rows: int
    new_rows: int
    old_units: int
    new_units: int
    unit: str
    lost: tuple[str, ...]


def check_replacement(
    con: duckdb.DuckDBPyConnection,
    *,
    file: str,
    dataset: str,
    years: list[int],
    tables: dict[str, pa.Table],
    dataset_tables: tuple[str, ...],
    min_share: float,
) -> None:
    """Raise ShrinkingReplaceError when loading ``tables`` for ``years`` would replace the
    loaded rows of ``dataset`` with fewer than ``min_share`` of their rows or units, or
    drop members of a region set. Call before deleting the old rows."""
    losses: list[_Loss] = []
    for table in dataset_tables:
        col, unit = UNITS.get(table, ("", "rows"))
        for year in years:
            if col:
                sql = (
                    f'SELECT count(*), count(DISTINCT "{col}") FROM "{table}" '
                    "WHERE dataset = ? AND year = ?"
                )
            else:  # pragma: no cover - every canonical table has a unit
                sql = f'SELECT count(*), count(*) FROM "{table}" WHERE dataset = ? AND year = ?'
            row = con.execute(sql, [dataset, year]).fetchone()
            old_rows, old_units = (int(row[0]), int(row[1])) if row else (0, 0)
            if old_rows == 0:
                continue
            incoming = tables.get(table)
            new_rows = new_units = 0
            new_set: set[str] = set()
            if incoming is not None and incoming.num_rows:
                part = incoming.filter(pc.equal(incoming["year"], year))
                new_rows = part.num_rows
                if col:
                    new_set = {str(v) for v in pc.unique(part[col]).to_pylist()}
                    new_units = len(new_set)
            lost: tuple[str, ...] = ()
            if table in SETS and col:
                old_set = {
                    str(r[0])
                    for r in con.execute(
                        f'SELECT DISTINCT "{col}" FROM "{table}" WHERE dataset = ? AND year = ?',
                        [dataset, year],
                    ).fetchall()
                }
                lost = tuple(sorted(old_set - new_set))
            if new_rows < min_share * old_rows or new_units < min_share * old_units or lost:
                losses.append(
                    _Loss(year, table, old_rows, new_rows, old_units, new_units, unit, lost)
                )
    if losses:
        raise ShrinkingReplaceError(_message(dataset, losses, min_share), file=file)


def _message(dataset: str, losses: list[_Loss], min_share: float) -> str:
    years = sorted({loss.year for loss in losses})
    old = sum(loss.old_rows for loss in losses)
    new = sum(loss.new_rows for loss in losses)
    label = "year" if len(years) == 1 else "years"
    shown = ", ".join(map(str, years[:6])) + (", ..." if len(years) > 6 else "")
    details = []
    for loss in losses[:6]:
        text = (
            f"{loss.table} {loss.year}: {loss.old_rows:,} rows / {loss.old_units:,} "
            f"{loss.unit} -> {loss.new_rows:,} rows / {loss.new_units:,} {loss.unit}"
        )
        if loss.lost:
            text += (
                f", losing {len(loss.lost)} {loss.unit} ("
                + ", ".join(loss.lost[:5])
                + (", ..." if len(loss.lost) > 5 else "")
                + ")"
            )
        details.append(text)
    return (
        f"would replace {len(years)} loaded {label} of {dataset} ({shown}; {old:,} rows) with "
        f"{new:,} rows: {'; '.join(details)}. Expected a new release to keep at least "
        f"{min_share:.0%} of the rows and {min_share:.0%} of the locations/areas, and every "
        "gemeente of a region set (setting KANSRIJK_REPLACE_MIN_SHARE); is the file truncated "
        "or partial? Nothing was loaded. Pass --replace-smaller to replace anyway."
    )
