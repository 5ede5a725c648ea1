"""The engine: evaluates any indicator for any regions x years, with suppression of small
counts, and returns published figures and targets next to (never instead of) the values."""

from __future__ import annotations

from collections.abc import Sequence

from kansrijk.errors import InputError
from kansrijk.indicators.access import distance_rows, mbo_distance_note
from kansrijk.indicators.catalog import get_indicator
from kansrijk.indicators.definition import Breakdown, Indicator, Unit
from kansrijk.indicators.membership import membership_tables
from kansrijk.indicators.published import find
from kansrijk.indicators.queries import CROSSWALK_INDICATORS, QUERIES
from kansrijk.indicators.result import IndicatorResult, IndicatorRow
from kansrijk.regions import Region, RegionCatalog
from kansrijk.vocab import PROFILE_SETS, ProfileSet, mbo_set, parse_profile_set
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
            allowed = ", ".join(x.value for x in ind.breakdowns) or "none"
            raise InputError(f"{ind.id} cannot be broken down by {name!r}; expected: {allowed}")
        if b not in chosen:
            chosen.append(b)
    return tuple(chosen)


#: Indicators computed from distances (access.py), and the table giving their years.
_DISTANCES = ("access.distance_to_tech_offer", "access.distance_to_tech_mbo")
_TABLE = {"access.distance_to_tech_mbo": "population"}


def _set_codes(ind: Indicator, pset: ProfileSet | None) -> list[str]:
    """The codes of the indicator's set: vmbo profiles, or sectorkamers for mbo.*."""
    if ind.id.startswith("mbo.") or ind.id == "access.distance_to_tech_mbo":
        fixed = ind.extra.get("mbo_set")
        return sorted(mbo_set(fixed or (pset.value if pset else "techniek_ict")))
    return sorted(p.value for p in PROFILE_SETS[pset]) if pset else []


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
    region_objs: list[Region] = [catalog.get(c) for c in regions]
    codes = tuple(r.code for r in region_objs)
    names = {r.code: r.name for r in region_objs}
    pset: ProfileSet | None = None
    if profile_set is not None:
        pset = parse_profile_set(profile_set)
    elif ind.profile_set is not None:
        pset = ind.profile_set
    pset_codes = _set_codes(ind, pset)
    bds = _breakdowns(ind, by)
    rows: list[IndicatorRow] = []
    notes: list[str] = []
    asked_years: list[int]
    if not ind.computable:
        asked_years = list(years or [])
        notes.append(f"{ind.id} is not computed by Kansrijk: {ind.definition}")
    else:
        table = QUERIES[ind.id][1] if ind.id in QUERIES else _TABLE.get(ind.id, "vo_enrollment")
        available = loaded_years(wh, table)
        asked_years = list(years) if years else available
        present = [y for y in asked_years if y in available]
        prov = _provenance(wh, ind)
        if ind.id == "access.distance_to_tech_mbo" and (why := mbo_distance_note(wh, pset_codes)):
            notes.append(why)
        if present:
            raw = (
                distance_rows(
                    wh,
                    region_objs,
                    present,
                    pset_codes,
                    mbo=ind.id == "access.distance_to_tech_mbo",
                )
                if ind.id in _DISTANCES
                else _run(wh, region_objs, ind, present, bds, pset_codes, old_afdelingen)
            )
            for region, year, bd, num, den, masked in raw:
                rows.append(_row(ind, region, names[region], year, bd, num, den, masked, prov))
    order = {c: i for i, c in enumerate(codes)}
    rows.sort(key=lambda r: (order[r.region], r.year, tuple(sorted(r.breakdown.items()))))
    have = {(r.region, r.year) for r in rows}
    missing = tuple((c, y) for c in codes for y in asked_years if (c, y) not in have)
    pset_name = pset.value if pset else None
    fictional = wh.has_fictional()
    if fictional:
        notes.append(
            "fictional demo data: published figures and real targets are not shown "
            "(the demo region's fictional targets are)"
        )
    crosswalk = _crosswalk_use(wh, ind.id, asked_years, old_afdelingen, notes)
    return IndicatorResult(
        indicator=ind,
        old_afdelingen=crosswalk,
        profile_set=pset_name,
        regions=codes,
        years=tuple(asked_years),
        by=tuple(b.value for b in bds),
        rows=tuple(rows),
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
    )


def _run(
    wh: Warehouse,
    regions: Sequence[Region],
    ind: Indicator,
    years: Sequence[int],
    bds: Sequence[Breakdown],
    pset: Sequence[str],
    mapped: bool = True,
) -> list[tuple[str, int, dict[str, str], float, float, int]]:
    fn, _ = QUERIES[ind.id]
    sql = fn(years, bds, pset, mapped=mapped)
    tables = membership_tables(regions)
    for name, t in tables.items():
        wh.con.register(name, t)
    try:
        cur = wh.con.execute(sql)
        cols = [d[0] for d in cur.description]
        data = cur.fetchall()
    finally:
        for name in tables:
            wh.con.unregister(name)
    bd_cols = [c for c in cols if c not in ("region", "year", "num", "den", "masked_cells")]
    out = []
    for rec in data:
        d = dict(zip(cols, rec, strict=True))
        bd = {c: ("" if d[c] is None else str(d[c])) for c in bd_cols}
        out.append(
            (
                d["region"],
                int(d["year"]),
                bd,
                float(d["num"] or 0),
                float(d["den"] or 0),
                int(d["masked_cells"] or 0),
            )
        )
    return out


def _row(
    ind: Indicator,
    region: str,
    name: str,
    year: int,
    bd: dict[str, str],
    num: float,
    den: float,
    masked: int,
    prov: dict[int, str],
) -> IndicatorRow:
    suppressed = ind.suppress_small and (0 < num < SMALL or 0 < den < SMALL)
    # distance statistics arrive as values; other indicators as numerator/denominator
    ratio = ind.unit is Unit.PERCENT and ind.id not in _DISTANCES
    value = (100.0 * num / den if den else None) if ratio else num
    return IndicatorRow(
        region=region,
        region_name=name,
        year=year,
        breakdown=bd,
        value=None if suppressed else value,
        numerator=None if suppressed else num,
        denominator=den,
        suppressed=suppressed,
        masked_cells=masked,
        provenance=prov.get(year, ""),
    )


def _crosswalk_use(
    wh: Warehouse, indicator_id: str, years: Sequence[int], include: bool, notes: list[str]
) -> bool | None:
    """Whether the result counts old afdelingen through the crosswalk: None when the
    indicator does not depend on it or no asked year holds old afdelingen; adds a note."""
    if indicator_id not in CROSSWALK_INDICATORS:
        return None
    found = mapped_afdeling_pupils(wh, years)
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
