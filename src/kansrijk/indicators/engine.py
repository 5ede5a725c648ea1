"""The engine: evaluates any indicator for any regions x years, with suppression of small
counts, and returns published figures and targets next to (never instead of) the values.

The engine knows no indicator by id: a definition carries its query (or its distance kind),
the table giving its years, the vocabulary of its set and whether it depends on the
crosswalk. Only the years asked are computed; the cells stay column-wise (DuckDB -> Arrow,
suppression and values in numpy) until a caller asks for rows."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from kansrijk.errors import InputError, Message
from kansrijk.indicators.access import distance_rows, mbo_distance_note
from kansrijk.indicators.catalog import get_indicator
from kansrijk.indicators.definition import Breakdown, DistanceKind, Indicator, SetVocab
from kansrijk.indicators.membership import membership_tables
from kansrijk.indicators.published import find
from kansrijk.indicators.result import IndicatorResult, empty_table
from kansrijk.regions import Region, RegionCatalog
from kansrijk.vocab import ProfileSet, mbo_set, parse_profile_set
from kansrijk.warehouse import Warehouse, mapped_afdeling_pupils

SMALL = 5  # counts of 1..SMALL-1 are suppressed


def _breakdowns(ind: Indicator, by: Sequence[str] | None) -> tuple[Breakdown, ...]:
    chosen: list[Breakdown] = list(ind.required)
    for name in by or ():
        try:
            b = Breakdown(name.strip().lower())
        except ValueError:
            b = None
        if b is None or b not in ind.breakdowns:
            allowed = ", ".join(x.value for x in ind.breakdowns) or Message("none")
            raise InputError(
                Message(
                    "{indicator} cannot be broken down by {name!r}; expected: {allowed}",
                    indicator=ind.id,
                    name=name,
                    allowed=allowed,
                )
            )
        if b not in chosen:
            chosen.append(b)
    return tuple(chosen)


def _set_codes(ind: Indicator, pset: ProfileSet | None) -> list[str]:
    """The codes of the indicator's set: vmbo profiles, or mbo sectorkamers."""
    name = ind.fixed_set or (pset.value if pset else None)
    if ind.set_vocab is SetVocab.SECTORKAMERS:
        return sorted(mbo_set(name or "techniek_ict"))
    return sorted(parse_profile_set(name).codes) if name else []


def loaded_years(wh: Warehouse, table: str) -> list[int]:
    """Years present in a canonical table."""
    return [int(r[0]) for r in wh.query(f'SELECT DISTINCT year FROM "{table}" ORDER BY 1')]


def _provenance(wh: Warehouse, ind: Indicator) -> dict[int, str]:
    if not ind.source_datasets:
        return {}
    ds = list(ind.source_datasets)
    rows = wh.query(
        "SELECT year, dataset, file_name, publisher, licence FROM provenance "
        f"WHERE dataset IN ({', '.join('?' * len(ds))}) OR "
        f"(fictional AND dataset LIKE 'demo_%') ORDER BY dataset",
        ds,
    )
    out: dict[int, list[str]] = {}
    for year, dataset, file_name, publisher, licence in rows:
        out.setdefault(int(year), []).append(
            f"{dataset} {year}: {file_name} ({publisher}, {licence})"
        )
    return {y: "; ".join(v) for y, v in out.items()}


def compute(
    wh: Warehouse,
    catalog: RegionCatalog,
    indicator_id: str,
    regions: Sequence[str],
    years: Sequence[int] | None = None,
    by: Sequence[str] | None = None,
    profile_set: str | None = None,
    old_afdelingen: bool = True,
) -> IndicatorResult:
    """Evaluate an indicator.

    Args:
        wh: an open warehouse.
        catalog: the region catalogue (unknown codes raise UnknownRegionError).
        indicator_id: e.g. ``vmbo.offer_share``.
        regions: region codes (``NL00``, ``MRDH``, ``GM0599``, ...).
        years: years; None = every loaded year.
        by: optional breakdowns on top of the indicator's required ones.
        profile_set: ``techniek`` or ``techniek_ict`` for indicators that take a set.
        old_afdelingen: count pupils in old afdelingen (enrollment years up to 2016) through
            the crosswalk (default); False counts only the ten profiles as offered/chosen.
    """
    ind = get_indicator(indicator_id)
    # each region once: a code asked twice would count its pupils twice in the joins
    region_objs: list[Region] = list({r.code: r for r in map(catalog.get, regions)}.values())
    codes = tuple(r.code for r in region_objs)
    pset: ProfileSet | None = None
    if profile_set is not None:
        pset = parse_profile_set(profile_set)
    elif ind.profile_set is not None:
        pset = ind.profile_set
    pset_codes = _set_codes(ind, pset)
    bds = _breakdowns(ind, by)
    table: pa.Table | None = None
    notes: list[str] = []
    prov: dict[int, str] = {}
    asked_years: list[int]
    if not ind.computable:
        asked_years = list(years or [])
        notes.append(f"{ind.id} is not computed by Kansrijk: {ind.definition}")
    else:
        available = loaded_years(wh, ind.table)
        asked_years = list(dict.fromkeys(int(y) for y in years)) if years else available
        present = [y for y in asked_years if y in available]
        prov = _provenance(wh, ind)
        if ind.distance is DistanceKind.MBO and (why := mbo_distance_note(wh, pset_codes)):
            notes.append(why)
        if present:
            raw = (
                _distance_table(wh, region_objs, ind, present, pset_codes)
                if ind.distance is not None
                else _query_table(wh, region_objs, ind, present, bds, pset_codes, old_afdelingen)
            )
            table = _finish(ind, raw)
    if table is None:
        table = empty_table()
    missing = _missing(table, codes, asked_years)
    pset_name = pset.value if pset else None
    fictional = wh.has_fictional()
    if fictional:
        notes.append(
            "fictional demo data: published figures and real targets are not shown "
            "(the demo region's fictional targets are)"
        )
    crosswalk = _crosswalk_use(wh, ind, asked_years, old_afdelingen, notes)
    return IndicatorResult(
        indicator=ind,
        old_afdelingen=crosswalk,
        profile_set=pset_name,
        regions=codes,
        years=tuple(asked_years),
        by=tuple(b.value for b in bds),
        table=table,
        published=()
        if fictional
        else tuple(find(ind.id, list(codes), list(asked_years) or None, pset_name)),
        targets=tuple(
            find(
                ind.id, list(codes), None, pset_name, kind="demo_target" if fictional else "target"
            )
        ),
        missing=missing,
        notes=tuple(notes),
        region_names={r.code: r.name for r in region_objs},
        provenance=prov,
    )


#: The raw columns every evaluation gives before suppression: region, year, breakdowns
#: (strings, '' for none), num, den (float), masked_cells (int).
_RAW = ("region", "year", "num", "den", "masked_cells")


#: The breakdown columns a query returns, by indicator id and breakdowns asked.
_BREAKDOWN_COLUMNS: dict[tuple[str, tuple[Breakdown, ...]], tuple[str, ...]] = {}


def _query_table(
    wh: Warehouse,
    regions: Sequence[Region],
    ind: Indicator,
    years: Sequence[int],
    bds: Sequence[Breakdown],
    pset: Sequence[str],
    mapped: bool,
) -> pa.Table:
    """The indicator's query over the regions and years, as raw Arrow columns sorted by
    the regions' order, year and breakdown values (all in DuckDB)."""
    assert ind.query is not None, f"{ind.id} has neither a query nor a distance kind"
    sql = ind.query(years, bds, pset, mapped=mapped)
    tables = membership_tables(regions)
    tables["_ro"] = pa.table(
        {"region": [r.code for r in regions], "_i": list(range(len(regions)))},
        schema=pa.schema([("region", pa.string()), ("_i", pa.int64())]),
    )
    for name, t in tables.items():
        wh.con.register(name, t)
    try:
        key = (ind.id, tuple(bds))
        if key not in _BREAKDOWN_COLUMNS:  # binding the query once per indicator and breakdowns
            _BREAKDOWN_COLUMNS[key] = tuple(c for c in wh.con.sql(sql).columns if c not in _RAW)
        bd_cols = _BREAKDOWN_COLUMNS[key]
        bd_sel = "".join(f', coalesce(CAST(q."{c}" AS VARCHAR), \'\') AS "{c}"' for c in bd_cols)
        order = "".join(f', "{c}"' for c in sorted(bd_cols))
        data = wh.con.sql(
            f"""SELECT q.region, CAST(q.year AS BIGINT) AS year{bd_sel},
                   CAST(coalesce(q.num, 0) AS DOUBLE) AS num,
                   CAST(coalesce(q.den, 0) AS DOUBLE) AS den,
                   CAST(coalesce(q.masked_cells, 0) AS BIGINT) AS masked_cells
            FROM ({sql}) q JOIN _ro USING (region)
            ORDER BY _ro._i, year{order}"""
        ).to_arrow_table()
    finally:
        for name in tables:
            wh.con.unregister(name)
    return data


def _distance_table(
    wh: Warehouse,
    regions: Sequence[Region],
    ind: Indicator,
    years: Sequence[int],
    pset: Sequence[str],
) -> pa.Table:
    """The distance statistics (indicators/access.py) as raw Arrow columns, sorted."""
    rows = distance_rows(wh, regions, years, pset, mbo=ind.distance is DistanceKind.MBO)
    order = {r.code: i for i, r in enumerate(regions)}
    rows.sort(key=lambda r: (order[r[0]], r[1], r[2]["statistic"]))
    return pa.table(
        {
            "region": pa.array([r[0] for r in rows], pa.string()),
            "year": pa.array([r[1] for r in rows], pa.int64()),
            "statistic": pa.array([r[2]["statistic"] for r in rows], pa.string()),
            "num": pa.array([r[3] for r in rows], pa.float64()),
            "den": pa.array([r[4] for r in rows], pa.float64()),
            "masked_cells": pa.array([r[5] for r in rows], pa.int64()),
        }
    )


def _finish(ind: Indicator, raw: pa.Table) -> pa.Table:
    """Suppression of small counts and values, vectorised: the result table."""
    num = raw.column("num").to_numpy()
    den = raw.column("den").to_numpy()
    if ind.suppress_small:
        suppressed = ((num > 0) & (num < SMALL)) | ((den > 0) & (den < SMALL))
    else:
        suppressed = np.zeros(len(num), dtype=bool)
    if ind.ratio:
        nonzero = den != 0
        value = np.divide(100.0 * num, den, out=np.zeros_like(num), where=nonzero)
        value_null = ~nonzero | suppressed
    else:
        value = num
        value_null = suppressed
    bd_cols = [c for c in raw.column_names if c not in _RAW]
    return pa.table(
        {
            "region": raw.column("region"),
            "year": raw.column("year"),
            **{c: raw.column(c) for c in bd_cols},
            "value": pa.array(value, pa.float64(), mask=value_null),
            "numerator": pa.array(num, pa.float64(), mask=suppressed),
            "denominator": raw.column("den"),
            "suppressed": pa.array(suppressed, pa.bool_()),
            "masked_cells": raw.column("masked_cells"),
        }
    )


def _missing(
    table: pa.Table, codes: Sequence[str], years: Sequence[int]
) -> tuple[tuple[str, int], ...]:
    """(region, year) pairs asked for without any computed cell."""
    if not len(table):
        return tuple((c, y) for c in codes for y in years)
    regions = table.column("region").combine_chunks().dictionary_encode()
    names = regions.dictionary.to_pylist()
    idx = regions.indices.to_numpy().astype(np.int64)
    keys: list[int] = np.unique(idx * 100_000 + table.column("year").to_numpy()).tolist()
    found = {(names[k // 100_000], k % 100_000) for k in keys}
    return tuple((c, y) for c in codes for y in years if (c, y) not in found)


def _crosswalk_use(
    wh: Warehouse, ind: Indicator, years: Sequence[int], include: bool, notes: list[str]
) -> bool | None:
    """Whether the result counts old afdelingen through the crosswalk: None when the
    indicator does not depend on it or no asked year holds old afdelingen; adds a note."""
    if not ind.crosswalk or not years:
        return None
    # a cheap scan first: most asked years hold no old afdelingen at all
    marks = ", ".join("?" * len(years))
    old_years = [
        int(r[0])
        for r in wh.query(
            f"SELECT DISTINCT year FROM vo_enrollment WHERE profile_mapped AND year IN ({marks})",
            [int(y) for y in years],
        )
    ]
    found = mapped_afdeling_pupils(wh, old_years)
    if not found:
        return None
    listed = ", ".join(f"{y}: {n:,} of {t:,}" for y, (n, t) in sorted(found.items()))
    notes.append(
        f"pupils (BB/KB/GL, leerjaar 3-4) in old afdelingen of before the 2016 reform ({listed})"
        + (
            " are counted in their profile through the crosswalk (docs/data.md)"
            if include
            else " are left out of every profile (--no-old-afdelingen); they stay in the totals"
        )
    )
    return include
