"""SQL for each computable indicator.

Every query is a ``QueryFn`` (definition.py): it returns ``region, year, <breakdown
columns>, num, den, masked_cells`` and reads the registered membership tables (see
membership.py). Shares are ratios of sums. The catalogue (catalog.py) gives each indicator
its query.
"""

from __future__ import annotations

from collections.abc import Sequence

from kansrijk.indicators.definition import Breakdown
from kansrijk.indicators.membership import member_sql
from kansrijk.vocab import PUPIL_FILTER, Profile, old_categories

_PROFILES = ", ".join(f"('{p.value}')" for p in Profile)


def _in(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values) or "NULL"


def _years(years: Sequence[int]) -> str:
    return ", ".join(str(int(y)) for y in years) or "NULL"


def _bb(years: Sequence[int], mapped: bool = True) -> str:
    """vmbo BB/KB/GL pupils in leerjaar 3-4, one row per cell; cat = profile or route.

    Old afdelingen (enrollment years up to 2016, see vocab/crosswalk.py): with ``mapped``
    their crosswalk profile counts as that profile and their own categories (techniek_breed,
    ...) as ``old:<category>``; without, ``profile`` is NULL for them and they are one
    category ``old:afdeling`` (in every denominator, in no profile's numerator).
    """
    on = "TRUE" if mapped else "FALSE"
    return f"""
    bb AS (
        SELECT year, loc_code, track, sex, count, masked, old_category,
               CASE WHEN profile_mapped AND NOT {on} THEN NULL ELSE profile END AS profile,
               coalesce(CASE WHEN profile_mapped AND NOT {on} THEN NULL ELSE profile END,
                        'route:' || route,
                        CASE WHEN profile_mapped THEN 'old:' || CASE WHEN {on}
                             THEN coalesce(old_category, 'afdeling') ELSE 'afdeling' END END)
                   AS cat
        FROM vo_enrollment
        WHERE {PUPIL_FILTER} AND year IN ({_years(years)})
    ),
    offer AS (SELECT DISTINCT year, loc_code, profile FROM bb
              WHERE profile IS NOT NULL AND (count > 0 OR masked)),
    m AS ({member_sql("bb")})
    """


def _in_set(pset: Sequence[str], mapped: bool, alias: str = "b") -> str:
    """Predicate on ``bb`` rows: in the set's profiles, or (with mapped old afdelingen) in an
    old category counted as technical for the set (``techniek_breed``, ...)."""
    cats = old_categories(pset) if mapped else []
    extra = f" OR {alias}.old_category IN ({_in(cats)})" if cats else ""
    return f"({alias}.profile IN ({_in(pset)}){extra})"


def _cols(by: Sequence[Breakdown], alias: str = "b") -> tuple[str, str]:
    """(select list, group-by list) fragments for the optional breakdown columns."""
    cols = [f"{alias}.{b.value}" for b in by if b in (Breakdown.TRACK, Breakdown.SEX)]
    text = "".join(f", {c}" for c in cols)
    return text, text


def offer_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Pupils at a location offering the profile / all pupils."""
    sel, grp = _cols(by)
    extra = [b.value for b in by if b is Breakdown.TRACK]
    join = "".join(f" AND n.{c} IS NOT DISTINCT FROM d.{c}" for c in extra)
    return f"""
    WITH {_bb(years, mapped)},
    den AS (SELECT m.region, b.year{sel}, sum(b.count) AS den,
                   count(*) FILTER (WHERE b.masked) AS masked_cells
            FROM bb b JOIN m USING (year, loc_code) GROUP BY m.region, b.year{grp}),
    num AS (SELECT m.region, b.year, o.profile{sel}, sum(b.count) AS num
            FROM bb b JOIN m USING (year, loc_code)
            JOIN offer o ON o.loc_code = b.loc_code AND o.year = b.year
            GROUP BY m.region, b.year, o.profile{grp}),
    profiles(profile) AS (VALUES {_PROFILES})
    SELECT d.region, d.year, p.profile{"".join(f", d.{c}" for c in extra)},
           coalesce(n.num, 0) AS num, d.den, d.masked_cells
    FROM den d CROSS JOIN profiles p
    LEFT JOIN num n ON n.region = d.region AND n.year = d.year AND n.profile = p.profile{join}
    """


def choice_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Pupils in the profile (or route) / all pupils."""
    sel, grp = _cols(by)
    extra = [b.value for b in by if b in (Breakdown.TRACK, Breakdown.SEX)]
    join = "".join(f" AND n.{c} IS NOT DISTINCT FROM d.{c}" for c in extra)
    return f"""
    WITH {_bb(years, mapped)},
    den AS (SELECT m.region, b.year{sel}, sum(b.count) AS den,
                   count(*) FILTER (WHERE b.masked) AS masked_cells
            FROM bb b JOIN m USING (year, loc_code) GROUP BY m.region, b.year{grp}),
    num AS (SELECT m.region, b.year, b.cat{sel}, sum(b.count) AS num
            FROM bb b JOIN m USING (year, loc_code) GROUP BY m.region, b.year, b.cat{grp}),
    cats AS (SELECT DISTINCT cat FROM bb UNION SELECT * FROM (VALUES {_PROFILES}))
    SELECT d.region, d.year, c.cat AS profile{"".join(f", d.{c}" for c in extra)},
           coalesce(n.num, 0) AS num, d.den, d.masked_cells
    FROM den d CROSS JOIN cats c
    LEFT JOIN num n ON n.region = d.region AND n.year = d.year AND n.cat = c.cat{join}
    """


def tech_choice_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Pupils in the set's profiles / all pupils."""
    sel, grp = _cols(by)
    return f"""
    WITH {_bb(years, mapped)}
    SELECT m.region, b.year{sel},
           coalesce(sum(b.count) FILTER (WHERE {_in_set(pset, mapped)}), 0) AS num,
           sum(b.count) AS den, count(*) FILTER (WHERE b.masked) AS masked_cells
    FROM bb b JOIN m USING (year, loc_code) GROUP BY m.region, b.year{grp}
    """


def no_tech_offer_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Pupils at locations offering none of the set / all pupils."""
    sel, grp = _cols(by)
    return f"""
    WITH {_bb(years, mapped)},
    tl AS (SELECT DISTINCT b.year, b.loc_code FROM bb b
           WHERE (b.count > 0 OR b.masked) AND {_in_set(pset, mapped)})
    SELECT m.region, b.year{sel},
           coalesce(sum(b.count) FILTER (WHERE t.loc_code IS NULL), 0) AS num,
           sum(b.count) AS den, count(*) FILTER (WHERE b.masked) AS masked_cells
    FROM bb b JOIN m USING (year, loc_code)
    LEFT JOIN tl t ON t.loc_code = b.loc_code AND t.year = b.year
    GROUP BY m.region, b.year{grp}
    """


def tech_offer_location_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Locations offering at least one of the set / locations with pupils."""
    return f"""
    WITH {_bb(years, mapped)},
    locs AS (SELECT DISTINCT year, loc_code FROM bb WHERE count > 0 OR masked),
    tl AS (SELECT DISTINCT b.year, b.loc_code FROM bb b
           WHERE (b.count > 0 OR b.masked) AND {_in_set(pset, mapped)})
    SELECT m.region, l.year, count(t.loc_code) AS num, count(*) AS den, 0 AS masked_cells
    FROM locs l JOIN m USING (year, loc_code)
    LEFT JOIN tl t ON t.loc_code = l.loc_code AND t.year = l.year
    GROUP BY m.region, l.year
    """


def girls_in_tech_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Girls in the set's profiles / pupils in the set's profiles."""
    sel, grp = _cols(by)
    return f"""
    WITH {_bb(years, mapped)}
    SELECT m.region, b.year{sel},
           coalesce(sum(b.count) FILTER (WHERE b.sex = 'f'), 0) AS num,
           coalesce(sum(b.count), 0) AS den, count(*) FILTER (WHERE b.masked) AS masked_cells
    FROM bb b JOIN m USING (year, loc_code) WHERE {_in_set(pset, mapped)}
    GROUP BY m.region, b.year{grp}
    """


def locations_offering(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Locations offering the profile; denominator: locations with pupils."""
    return f"""
    WITH {_bb(years, mapped)},
    locs AS (SELECT DISTINCT year, loc_code FROM bb WHERE count > 0 OR masked),
    den AS (SELECT m.region, l.year, count(*) AS den FROM locs l JOIN m USING (year, loc_code)
            GROUP BY m.region, l.year),
    num AS (SELECT m.region, o.year, o.profile, count(*) AS num FROM offer o
            JOIN m USING (year, loc_code) GROUP BY m.region, o.year, o.profile),
    profiles(profile) AS (VALUES {_PROFILES})
    SELECT d.region, d.year, p.profile, coalesce(n.num, 0) AS num, d.den, 0 AS masked_cells
    FROM den d CROSS JOIN profiles p
    LEFT JOIN num n ON n.region = d.region AND n.year = d.year AND n.profile = p.profile
    """


def tl_sector_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """TL pupils per sector (none = no sector yet) / all TL pupils in leerjaar 3-4."""
    g = Breakdown.GRADE in by
    sel = ", t.grade" if g else ""
    dsel = ", d.grade" if g else ""
    join = " AND n.grade = d.grade" if g else ""
    return f"""
    WITH t AS (SELECT year, loc_code, grade, coalesce(sector, 'none') AS sector, count, masked
               FROM vo_enrollment WHERE track = 'vmbo_tl' AND grade IN (3, 4)
               AND year IN ({_years(years)})),
    m AS ({member_sql("t")}),
    den AS (SELECT m.region, t.year{sel}, sum(t.count) AS den,
                   count(*) FILTER (WHERE t.masked) AS masked_cells
            FROM t JOIN m USING (year, loc_code) GROUP BY m.region, t.year{sel}),
    num AS (SELECT m.region, t.year, t.sector{sel}, sum(t.count) AS num
            FROM t JOIN m USING (year, loc_code) GROUP BY m.region, t.year, t.sector{sel}),
    sectors(sector) AS (VALUES ('techniek'), ('zorg_welzijn'), ('economie'), ('landbouw'),
                               ('none'))
    SELECT d.region, d.year, s.sector{dsel}, coalesce(n.num, 0) AS num, d.den, d.masked_cells
    FROM den d CROSS JOIN sectors s
    LEFT JOIN num n ON n.region = d.region AND n.year = d.year AND n.sector = s.sector{join}
    """


_N_PROFILE = "regexp_matches(profile, '(^|/)(NT|NG)(/|$)')"


def n_profile_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """havo/vwo leerjaar 4 with NT/NG / leerjaar 4 with a profile."""
    sel = ", h.track" if Breakdown.TRACK in by else ""
    return f"""
    WITH h AS (SELECT year, loc_code, track, profile, count, masked FROM vo_enrollment
               WHERE track IN ('havo', 'vwo') AND grade = 4 AND profile IS NOT NULL
               AND year IN ({_years(years)})),
    m AS ({member_sql("h")})
    SELECT m.region, h.year{sel},
           coalesce(sum(h.count) FILTER (WHERE {_N_PROFILE}), 0) AS num, sum(h.count) AS den,
           count(*) FILTER (WHERE h.masked) AS masked_cells
    FROM h JOIN m USING (year, loc_code) GROUP BY m.region, h.year{sel}
    """


def _exam_base(years: Sequence[int], tracks: str) -> str:
    return f"""
    x AS (SELECT year, loc_code, track, profile, candidates, candidates_masked AS masked
          FROM vo_exam WHERE sex = 'all' AND track IN ({tracks})
          AND year IN ({_years(years)})),
    m AS ({member_sql("x")})
    """


def exam_n_profile_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """havo/vwo candidates with NT/NG / all havo/vwo candidates (DUO totals)."""
    sel = ", x.track" if Breakdown.TRACK in by else ""
    return f"""
    WITH {_exam_base(years, "'havo', 'vwo'")}
    SELECT m.region, x.year{sel},
           coalesce(sum(x.candidates) FILTER (WHERE {_N_PROFILE}), 0) AS num,
           coalesce(sum(x.candidates), 0) AS den,
           count(*) FILTER (WHERE x.masked) AS masked_cells
    FROM x JOIN m USING (year, loc_code) GROUP BY m.region, x.year{sel}
    """


def exam_vmbo_tech_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """vmbo candidates in sector techniek or a set profile / vmbo candidates whose programme
    names a sector or profile (TL candidates before 2018-19 carry none and are left out)."""
    sel = ", x.track" if Breakdown.TRACK in by else ""
    tech = _in(["techniek", *pset])
    return f"""
    WITH {_exam_base(years, "'vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl'")}
    SELECT m.region, x.year{sel},
           coalesce(sum(x.candidates) FILTER (WHERE x.profile IN ({tech})), 0) AS num,
           coalesce(sum(x.candidates), 0) AS den,
           count(*) FILTER (WHERE x.masked) AS masked_cells
    FROM x JOIN m USING (year, loc_code) WHERE x.profile IS NOT NULL GROUP BY m.region, x.year{sel}
    """
