"""All locations of one year with their choice counts and covariates, and the fitted models.

The choice model is estimated per leerweg (BB, KB, GL) on *all* locations in the
warehouse for the year (all of NL with real data; the demo region with the demo),
not only on the scenario's region: more data, and the region's locations are
predicted by the same model. ``national_data`` caches the result per warehouse
content (provenance checksums), year and specification within the process, so a
scenario run after the first pays no estimation.

Counting rules (docs/scenarios.md):

* pupils in leerjaar 3 and 4 of vmbo BB/KB/GL (``BOVENBOUW_FILTER``), per location x
  leerweg x profile; the offer set is "at least one pupil in leerjaar 3-4";
* Vakmanschaps-/Beroepsroute pupils (no profile) are kept as a separate, fixed
  category per location x leerweg: not in the choice model, not counted as
  technical, unchanged by any intervention;
* a masked cell (DUO ``<5``: 1-4 pupils) counts as ``MASKED_VALUE`` = 2.5 pupils (the
  mean of 1-4); the number of masked cells is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from kansrijk.memo import LruCache
from kansrijk.model import ChoiceData, ChoiceModel, fit_choice_model, numeric
from kansrijk.scenarios.errors import ScenarioDataError
from kansrijk.scenarios.mbo import pc4_centroids
from kansrijk.vocab import Profile, ProfileSet
from kansrijk.warehouse import BOVENBOUW_FILTER, Warehouse
from kansrijk.warehouse.locations import LOCATION_YEAR_SQL

FloatArray = npt.NDArray[np.float64]

#: (label, track) of the three leerwegen with profiles, in array order.
LEERWEGEN: tuple[tuple[str, str], ...] = (("BB", "vmbo_bb"), ("KB", "vmbo_kb"), ("GL", "vmbo_gl"))
#: Profile codes in array order (the vocabulary's order).
PROFILES: tuple[str, ...] = tuple(p.value for p in Profile)
#: Pupils counted for a masked DUO cell ('<5' = 1-4 pupils).
MASKED_VALUE = 2.5

#: Covariates the builder knows: name -> what it is.
COVARIATES: dict[str, str] = {
    "urbanity": "CBS urbanity class 1 (very strongly urban) - 5 (not urban) of the location's PC4",
    "log_address_density": "log(1 + addresses per km2) of the location's PC4 (CBS)",
    "non_european": (
        "share of residents of the location's PC4 with a non-European origin "
        "(born in NL or abroad; CBS kerncijfers PC4, 0-1)"
    ),
    "lwoo_share": "share of the location's pupils in the leerweg with LWOO (0-1)",
    "log_size": "log(1 + pupils of the location in the leerweg, leerjaar 3-4)",
}
#: The model's covariates by default: chosen by leave-one-out on the real 2019 data
#: (docs/model.md 'Validation on real data'); the others did not lower the LOO error.
DEFAULT_COVARIATES: tuple[str, ...] = ("log_address_density", "log_size")
#: Profiles whose utility gets covariate effects by default: techniek incl. ICT.
DEFAULT_COVARIATES_FOR: frozenset[str] = frozenset(ProfileSet.TECHNIEK_ICT.codes)
#: A covariate missing for more than this share of locations is left out (with a note).
MAX_MISSING_SHARE = 0.5

_PC4_FIGURES = (
    "urbanity",
    "address_density",
    "share_born_nl_non_european_origin",
    "share_born_abroad_non_european_origin",
)


@dataclass(frozen=True, eq=False)
class NationalData:
    """Every location with vmbo BB/KB/GL pupils in leerjaar 3-4 in ``year``.

    Arrays are indexed ``[leerweg, location, profile]`` with leerwegen as ``LEERWEGEN``
    and profiles as ``PROFILES``. ``models[i]`` is the choice model of leerweg ``i``
    (None when the leerweg has no pupils), fitted on the locations with pupils in it.
    """

    year: int
    locations: tuple[str, ...]
    names: tuple[str, ...]
    gemeenten: tuple[str, ...]
    pc4: tuple[str, ...]
    xy: FloatArray  # n x 2 RD metres of the PC4 centroid; NaN where unknown
    centroids: Mapping[str, tuple[float, float]]  # every PC4 centroid (RD), for mbo points
    counts: FloatArray  # 3 x n x 10 pupils per profile (masked cells imputed)
    routes: FloatArray  # 3 x n route pupils (not modelled, held fixed)
    masked_cells: int
    covariates: FloatArray  # 3 x n x k, natural units, missing values imputed
    covariate_names: tuple[str, ...]  # every covariate that could be built
    model_covariates: tuple[str, ...]  # those the models use
    covariates_for: frozenset[str]
    models: tuple[ChoiceModel | None, ...]
    notes: tuple[str, ...]

    @property
    def n_locations(self) -> int:
        return len(self.locations)

    def index(self) -> dict[str, int]:
        """Location code -> row."""
        return {c: i for i, c in enumerate(self.locations)}

    def choice_data(self, leerweg: int) -> ChoiceData:
        """The estimation data of one leerweg (locations with pupils in it)."""
        return _choice_data(self, leerweg)

    def model_x(self, leerweg: int) -> FloatArray:
        """``n x k`` covariates of every location in the order of the model's covariates."""
        cols = [self.covariate_names.index(c) for c in self.model_covariates]
        return np.asarray(self.covariates[leerweg][:, cols], dtype=np.float64)


def _choice_data(nd: NationalData, lw: int) -> ChoiceData:
    counts = nd.counts[lw]
    rows = np.flatnonzero(counts.sum(axis=1) > 0)
    return ChoiceData(
        locations=tuple(nd.locations[i] for i in rows),
        profiles=PROFILES,
        counts=counts[rows],
        available=counts[rows] > 0,
        covariates=nd.model_x(lw)[rows],
        covariate_names=nd.model_covariates,
        leerweg=LEERWEGEN[lw][0],
    )


# ---------------------------------------------------------------------- cache
#: Estimations per (warehouse content, year, covariates); single flight: concurrent first
#: requests for one key estimate once (the others wait for it).
_cache: LruCache[NationalData] = LruCache(maxsize=32)


#: Small facts of a warehouse content (loaded years, mbo locations) per content key.
_facts: LruCache[object] = LruCache(maxsize=64)
T = TypeVar("T")


def content_key(wh: Warehouse) -> tuple[object, ...]:
    """The warehouse's content key: its path and every loaded dataset-year's sha256 (and
    whether it is fictional). One query; the planner's caches are keyed by it."""
    rows = wh.query(
        "SELECT dataset, year, sha256, fictional FROM provenance ORDER BY dataset, year"
    )
    return (str(wh.path.resolve()), tuple(tuple(r) for r in rows))


def is_fictional(key: tuple[object, ...]) -> bool:
    """Whether a content key (``content_key``) holds fictional (demo) data."""
    rows = key[1]
    assert isinstance(rows, tuple)
    return any(bool(r[3]) for r in rows)


def cached_fact(key: tuple[object, ...], name: str, build: Callable[[], T]) -> T:
    """``build()`` once per warehouse content (``content_key``) and ``name``."""
    return cast("T", _facts.get_or_make((*key, name), build))


def clear_cache() -> None:
    """Forget every cached estimation (e.g. after loading new data in the same process)."""
    _cache.clear()
    _facts.clear()


def national_data(
    wh: Warehouse,
    year: int,
    *,
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    covariates_for: frozenset[str] | None = DEFAULT_COVARIATES_FOR,
    key: tuple[object, ...] | None = None,
) -> NationalData:
    """Counts, covariates and fitted models for ``year``; cached per warehouse content
    (``key``: the warehouse's ``content_key`` when the caller has it)."""
    unknown = [c for c in covariates if c not in COVARIATES]
    if unknown:
        raise ScenarioDataError(
            f"unknown covariates {unknown}; expected some of {', '.join(COVARIATES)}"
        )
    cov_for = None if covariates_for is None else frozenset(covariates_for)
    full = (*(content_key(wh) if key is None else key), int(year), tuple(covariates), cov_for)
    return _cache.get_or_make(full, lambda: _build(wh, int(year), tuple(covariates), cov_for))


# ---------------------------------------------------------------------- building
def loaded_enrollment_years(wh: Warehouse) -> list[int]:
    """Years with vmbo BB/KB/GL pupils in leerjaar 3-4."""
    return [
        int(r[0])
        for r in wh.query(
            f"SELECT DISTINCT year FROM vo_enrollment WHERE {BOVENBOUW_FILTER} ORDER BY 1"
        )
    ]


def _build(
    wh: Warehouse, year: int, names: tuple[str, ...], cov_for: frozenset[str] | None
) -> NationalData:
    rows = wh.query(
        f"""
        SELECT loc_code, track, profile, route IS NOT NULL, lwoo,
               sum(coalesce(count, 0)), count(*) FILTER (WHERE masked)
        FROM vo_enrollment WHERE year = ? AND {BOVENBOUW_FILTER}
        GROUP BY ALL
        """,
        [year],
    )
    if not rows:
        years = loaded_enrollment_years(wh)
        raise ScenarioDataError(
            f"no vmbo BB/KB/GL pupils in leerjaar 3-4 for {year} in the warehouse; "
            f"loaded years: {', '.join(map(str, years)) or 'none'}"
        )
    codes = sorted({str(r[0]) for r in rows})
    idx = {c: i for i, c in enumerate(codes)}
    lw_idx = {t: i for i, (_, t) in enumerate(LEERWEGEN)}
    prof_idx = {p: j for j, p in enumerate(PROFILES)}
    n = len(codes)
    counts = np.zeros((3, n, len(PROFILES)))
    routes = np.zeros((3, n))
    lwoo = np.zeros((3, n))
    masked_cells = 0
    for loc, track, profile, is_route, is_lwoo, total, masked in rows:
        value = float(total) + MASKED_VALUE * int(masked)
        masked_cells += int(masked)
        i, lw = idx[str(loc)], lw_idx[str(track)]
        if is_route or profile not in prof_idx:
            routes[lw, i] += value
        else:
            counts[lw, i, prof_idx[str(profile)]] += value
        if is_lwoo:
            lwoo[lw, i] += value

    place = _location_places(wh, year, codes)
    gemeenten = tuple(place.get(c, ("", "", ""))[0] for c in codes)
    pc4 = tuple(place.get(c, ("", "", ""))[1] for c in codes)
    loc_names = tuple(place.get(c, ("", "", ""))[2] or c for c in codes)
    centroids = pc4_centroids(wh)
    xy = np.array([centroids.get(p, (np.nan, np.nan)) for p in pc4], dtype=np.float64).reshape(
        -1, 2
    )
    notes: list[str] = []
    if masked_cells:
        notes.append(
            f"{masked_cells} masked enrollment cells ('<5') counted as {MASKED_VALUE} pupils each"
        )
    n_route = float(routes.sum())
    if n_route:
        notes.append(
            f"{n_route:,.0f} Vakmanschaps-/Beroepsroute pupils kept as a fixed non-profile "
            "category (not modelled, not counted as technical)"
        )
    missing_xy = int(np.isnan(xy[:, 0]).sum())
    if missing_xy:
        notes.append(f"{missing_xy} locations without PC4 centroid (no distances for them)")

    all_pupils = counts.sum(axis=2) + routes
    cov, cov_names, cov_notes = _covariates(wh, tuple(COVARIATES), pc4, lwoo, all_pupils)
    notes.extend(n for n in cov_notes if any(f"covariate {c}" in n for c in names))
    model_cov = tuple(c for c in names if c in cov_names)
    nd = NationalData(
        year=year,
        locations=tuple(codes),
        names=loc_names,
        gemeenten=gemeenten,
        pc4=pc4,
        xy=xy,
        centroids=centroids,
        counts=counts,
        routes=routes,
        masked_cells=masked_cells,
        covariates=cov,
        covariate_names=cov_names,
        model_covariates=model_cov,
        covariates_for=frozenset() if cov_for is None else cov_for,
        models=(None, None, None),
        notes=tuple(notes),
    )
    models: list[ChoiceModel | None] = []
    for lw in range(3):
        if counts[lw].sum() <= 0:
            models.append(None)
            continue
        data = _choice_data(nd, lw)
        cov_set = None if cov_for is None else cov_for & set(PROFILES)
        models.append(fit_choice_model(data, covariates_for=cov_set))
    object.__setattr__(nd, "models", tuple(models))
    if cov_for is None:
        object.__setattr__(nd, "covariates_for", frozenset(PROFILES))
    return nd


def _location_places(wh: Warehouse, year: int, codes: list[str]) -> dict[str, tuple[str, str, str]]:
    """loc_code -> (current gemeente, pc4, name) as the indicators see them."""
    out: dict[str, tuple[str, str, str]] = {}
    for code, gm, pc in wh.query(
        f"SELECT loc_code, gemeente_code, pc4 FROM ({LOCATION_YEAR_SQL}) WHERE year = ?", [year]
    ):
        out[str(code)] = (str(gm or ""), str(pc or ""), "")
    names = wh.query(
        "SELECT loc_code, arg_max(name, year) FROM location GROUP BY loc_code"
    ) + wh.query(
        "SELECT loc_code, any_value(loc_name) FROM vo_enrollment WHERE year = ? GROUP BY loc_code",
        [year],
    )
    for code, name in names:
        gm, pc, old = out.get(str(code), ("", "", ""))
        if not old and name:
            out[str(code)] = (gm, pc, str(name))
    return {c: out[c] for c in codes if c in out}


def _pc4_figures(wh: Warehouse) -> dict[str, dict[str, float]]:
    marks = ", ".join("?" * len(_PC4_FIGURES))
    out: dict[str, dict[str, float]] = {}
    for pc, fig, value in wh.query(
        f"""
        SELECT area_code, figure, arg_max(value, year) FROM area_figure
        WHERE area_level = 'pc4' AND figure IN ({marks}) AND value IS NOT NULL AND NOT masked
        GROUP BY area_code, figure
        """,
        list(_PC4_FIGURES),
    ):
        out.setdefault(str(pc), {})[str(fig)] = float(value)
    return out


def pc4_covariate(figures: dict[str, dict[str, float]], pc4: str, name: str) -> float:
    """One PC4-based covariate in natural units, NaN when unknown."""
    f = figures.get(pc4, {})
    if name == "urbanity":
        return f.get("urbanity", np.nan)
    if name == "log_address_density":
        d = f.get("address_density", np.nan)
        return float(np.log1p(d)) if np.isfinite(d) else np.nan
    if name == "non_european":
        a = f.get("share_born_nl_non_european_origin", np.nan)
        b = f.get("share_born_abroad_non_european_origin", np.nan)
        return (a + b) / 100.0 if np.isfinite(a) and np.isfinite(b) else np.nan
    raise ValueError(name)


def _covariates(
    wh: Warehouse,
    names: tuple[str, ...],
    pc4: Sequence[str],
    lwoo: FloatArray,
    all_pupils: FloatArray,
) -> tuple[FloatArray, tuple[str, ...], list[str]]:
    n = len(pc4)
    figures = _pc4_figures(wh) if any(c not in ("lwoo_share", "log_size") for c in names) else {}
    kept: list[str] = []
    columns: list[FloatArray] = []  # each 3 x n
    notes: list[str] = []
    for name in names:
        if name == "lwoo_share":
            col = np.divide(lwoo, all_pupils, out=np.zeros_like(lwoo), where=all_pupils > 0)
        elif name == "log_size":
            col = np.log1p(all_pupils)
        else:
            vals = np.array([pc4_covariate(figures, p, name) for p in pc4], dtype=np.float64)
            missing = ~np.isfinite(vals)
            if n == 0 or missing.mean() > MAX_MISSING_SHARE:
                notes.append(
                    f"covariate {name} left out: unknown for {int(missing.sum())} of {n} "
                    "locations (CBS PC4 key figures not loaded?)"
                )
                continue
            if missing.any():
                vals[missing] = float(vals[~missing].mean())
                notes.append(
                    f"covariate {name}: {int(missing.sum())} of {n} locations without a value "
                    "(PC4 unknown or masked) get the mean of the others"
                )
            col = np.broadcast_to(numeric(name, vals).values[:, 0], (3, n)).copy()
        kept.append(name)
        columns.append(col)
    cov = np.stack(columns, axis=2) if columns else np.zeros((3, n, 0))
    return cov, tuple(kept), notes
