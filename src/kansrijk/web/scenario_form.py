"""The scenario builder of ``/scenarios``: its query parameters, their validation (one message
per field, in the page's language) and the :class:`~kansrijk.scenarios.Scenario` they build.

The builder is a plain GET form, so a built scenario *is* its query string::

    name=PIE+op+De+Werf&region=DEMO&start=2026&add=ZZ0800:PIE&remove=ZZ0100:MAT
    &guidance=1.2&set=techniek&flow=2&mbo_pc4=0138&draws=200

``BuilderForm.query()`` writes the canonical form (fixed order, empty fields left out, no
``draws``); ``encode()`` turns it into the compact spec ``built:<base64url>`` that the
compare page takes (``/scenarios/compare?s=built:...&s=preset:mrdh-pie``).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

import numpy as np

from kansrijk.errors import InputError, Message
from kansrijk.scenarios import (
    AddProfile,
    Baseline,
    FlowUplift,
    GuidanceUplift,
    Horizon,
    Intervention,
    NewMboLocation,
    RemoveProfile,
    Scenario,
)
from kansrijk.scenarios.intervention_base import MAX_COST, MAX_ODDS_RATIO
from kansrijk.scenarios.national import PROFILES
from kansrijk.vocab import ProfileSet
from kansrijk.web.i18n import N_, error_text, t

#: Technical profiles (techniek incl. ICT) in the vocabulary's order: what the builder adds.
TECHNICAL: tuple[str, ...] = ProfileSet.TECHNIEK_ICT.codes
#: Profile sets the guidance and flow uplifts may target.
UPLIFT_SETS: tuple[str, ...] = (ProfileSet.TECHNIEK.value, ProfileSet.TECHNIEK_ICT.value)
DEFAULT_DRAWS = 200
MAX_DRAWS = 1000
#: The presets start in 2026; built scenarios do too (unless the data are newer).
PRESET_START = 2026
HORIZON_YEARS = 10
#: How far after the data year a built scenario may start.
MAX_START_AFTER = 20
MAX_NAME = 80
BUILT_PREFIX = "built:"
PRESET_PREFIX = "preset:"
#: The builder's query parameters (``draws`` and the comparison basket ``s`` aside).
FIELDS: tuple[str, ...] = (
    "name",
    "region",
    "start",
    "add",
    "remove",
    "guidance",
    "guidance_cost",
    "set",
    "flow",
    "flow_cost",
    "mbo_pc4",
    "mbo_name",
    "mbo_one_off",
)
_REPEATED = ("add", "remove")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FieldError:
    """A problem with one form field (``loc``: the location row it belongs to)."""

    field: str
    key: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    loc: str | None = None

    def message(self, lang: str) -> str:
        """The message in ``lang`` (a value that is an error ``Message``, such as a lower
        layer's message about the region, through the ``errors`` catalogue)."""
        values = {
            k: error_text(lang, v)[0] if isinstance(v, Message) else v
            for k, v in self.values.items()
        }
        return t(lang, self.key, **values)


class ScenarioFormError(InputError):
    """The builder's input is invalid; ``errors`` holds one item per problem (``column``:
    the query parameter, when the problems are reported outside the builder form)."""

    def __init__(
        self,
        errors: Sequence[FieldError],
        form: BuilderForm | None = None,
        *,
        column: str | None = None,
    ) -> None:
        self.errors = tuple(errors)
        self.form = form
        super().__init__(" ".join(e.message("en") for e in self.errors), column=column)

    def message(self, lang: str) -> str:
        """The problems in ``lang``."""
        return " ".join(e.message(lang) for e in self.errors)

    def envelope_items(self) -> list[dict[str, Any]]:
        """One envelope item per problem (English, like every API error)."""
        return [
            {
                "message": e.message("en"),
                "type": "ScenarioFormError",
                "file": None,
                "line": None,
                "column": e.field,
            }
            for e in self.errors
        ]


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(text: str) -> str:
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode((text + pad).encode("ascii")).decode("utf-8")


@dataclass(frozen=True, slots=True)
class BuilderForm:
    """The builder's fields as given (strings; ``add``/``remove``: ``LOC:PROFILE`` items)."""

    name: str = ""
    region: str = ""
    start: str = ""
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    guidance: str = ""
    guidance_cost: str = ""
    profile_set: str = ""
    flow: str = ""
    flow_cost: str = ""
    mbo_pc4: str = ""
    mbo_name: str = ""
    mbo_one_off: str = ""

    @classmethod
    def from_params(cls, items: Iterable[tuple[str, str]]) -> BuilderForm:
        """From query items (repeated ``add``/``remove``; empty ones dropped, duplicates
        removed, codes upper-cased)."""
        single: dict[str, str] = {}
        multi: dict[str, list[str]] = {k: [] for k in _REPEATED}
        for key, value in items:
            if key in _REPEATED:
                v = value.strip().upper().replace(" ", "")
                if v and v not in multi[key]:
                    multi[key].append(v)
            elif key in FIELDS:
                single[key] = value.strip()
        return cls(
            name=single.get("name", ""),
            region=single.get("region", "").upper(),
            start=single.get("start", ""),
            add=tuple(multi["add"]),
            remove=tuple(multi["remove"]),
            guidance=single.get("guidance", ""),
            guidance_cost=single.get("guidance_cost", ""),
            profile_set=single.get("set", "").lower(),
            flow=single.get("flow", ""),
            flow_cost=single.get("flow_cost", ""),
            mbo_pc4=single.get("mbo_pc4", ""),
            mbo_name=single.get("mbo_name", ""),
            mbo_one_off=single.get("mbo_one_off", ""),
        )

    @classmethod
    def decode(cls, spec: str) -> BuilderForm:
        """From ``built:<base64url of the query>`` (or the bare base64url text).

        Raises:
            InputError: not base64url of a query string.
        """
        body = spec[len(BUILT_PREFIX) :] if spec.startswith(BUILT_PREFIX) else spec
        try:
            query = _unb64(body.strip())
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise InputError(
                f"expected 'built:' and the base64url-encoded query of the builder; "
                f"found {spec[:40]!r}"
            ) from None
        return cls.from_params(parse_qsl(query, keep_blank_values=False))

    @property
    def has_measures(self) -> bool:
        """The form asks for at least one intervention."""
        return bool(self.add or self.remove or self.guidance or self.flow or self.mbo_pc4)

    @property
    def given(self) -> bool:
        """Any builder field besides the region is filled in."""
        return any(v for k, v in self.query_items() if k != "region")

    def query_items(self) -> list[tuple[str, str]]:
        """The canonical query items: fixed order, empty fields left out."""
        items: list[tuple[str, str]] = [
            ("name", self.name),
            ("region", self.region),
            ("start", self.start),
        ]
        items += [("add", a) for a in self.add]
        items += [("remove", r) for r in self.remove]
        items += [("guidance", self.guidance), ("guidance_cost", self.guidance_cost)]
        if self.guidance or self.flow:
            items.append(("set", self.profile_set))
        items += [("flow", self.flow), ("flow_cost", self.flow_cost)]
        if self.mbo_pc4:
            items += [
                ("mbo_pc4", self.mbo_pc4),
                ("mbo_name", self.mbo_name),
                ("mbo_one_off", self.mbo_one_off),
            ]
        return [(k, v) for k, v in items if v]

    def query(self) -> str:
        """The canonical query string (no ``draws``)."""
        return urlencode(self.query_items())

    def encode(self) -> str:
        """The compact spec of the compare page: ``built:<base64url of query()>``."""
        return BUILT_PREFIX + _b64(self.query())

    def with_region(self, region: str) -> BuilderForm:
        return replace(self, region=region)


def parse_number(text: str) -> float | None:
    """``'1,25'`` or ``'1.25'`` -> 1.25; None when not a finite number."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_draws(text: str | None, max_draws: int = MAX_DRAWS) -> tuple[int, FieldError | None]:
    """The number of parameter draws (default 200, 0-``max_draws``: setting ``max_draws``)."""
    if text is None or not text.strip():
        return DEFAULT_DRAWS, None
    error = FieldError(
        "draws",
        N_("Trekkingen: verwacht een geheel getal van 0 tot en met {max}, gevonden '{found}'."),
        {"found": text[:40], "max": max_draws},
    )
    stripped = text.strip()
    if len(stripped) > 9 or not stripped.lstrip("-").isdigit():
        return DEFAULT_DRAWS, error
    draws = int(stripped)
    if not 0 <= draws <= max_draws:
        return DEFAULT_DRAWS, error
    return draws, None


def default_start(baseline_year: int) -> int:
    """The presets' start year, or the year after the data when those are newer."""
    return max(PRESET_START, baseline_year + 1)


@dataclass(frozen=True, slots=True)
class BuiltScenario:
    """A valid scenario and, per intervention, the field (and location) it came from."""

    scenario: Scenario
    origins: tuple[tuple[str, str | None], ...]


def _money(form_value: str, name: str, errors: list[FieldError]) -> float:
    if not form_value:
        return 0.0
    value = parse_number(form_value)
    if value is None or not 0 <= value <= MAX_COST:
        errors.append(
            FieldError(
                name,
                N_("Kosten: verwacht een bedrag in euro van 0 of meer, gevonden '{found}'."),
                {"found": form_value},
            )
        )
        return 0.0
    return value


def _items(
    form: BuilderForm,
    kind: str,
    baseline: Baseline,
    offers: Mapping[str, frozenset[str]],
    errors: list[FieldError],
    addable: Mapping[str, frozenset[str]] | None = None,
) -> list[tuple[str, str]]:
    out = []
    for item in getattr(form, kind):
        code, sep, profile = item.partition(":")
        if not sep or not code or not profile:
            errors.append(
                FieldError(
                    kind,
                    N_("Verwacht LOCATIE:PROFIEL, zoals ZZ0800:PIE; gevonden '{found}'."),
                    {"found": item},
                )
            )
            continue
        if baseline.index(code) is None:
            errors.append(
                FieldError(
                    kind,
                    N_(
                        "Onbekende locatie '{code}': geen vmbo-locatie met "
                        "BB/KB/GL-leerlingen in leerjaar 3-4 van regio {region} in {year}. "
                        "Kies een locatie uit de lijst of een andere regio."
                    ),
                    {"code": code, "region": baseline.region.code, "year": baseline.year},
                )
            )
            continue
        if profile not in TECHNICAL:
            errors.append(
                FieldError(
                    kind,
                    N_("{code}: '{found}' is geen technisch profiel; verwacht een van {expected}."),
                    {"code": code, "found": profile, "expected": ", ".join(TECHNICAL)},
                    loc=code,
                )
            )
            continue
        has = profile in offers[code]
        if kind == "add" and has:
            errors.append(
                FieldError(
                    kind,
                    N_("{code} biedt {profile} al aan."),
                    {"code": code, "profile": profile},
                    loc=code,
                )
            )
            continue
        if kind == "add" and addable is not None and profile not in addable[code]:
            errors.append(
                FieldError(
                    kind,
                    N_(
                        "{code}: {profile} kan hier niet worden toegevoegd: de locatie heeft "
                        "geen leerlingen in een leerweg waarvoor het model dit profiel kan "
                        "voorspellen."
                    ),
                    {"code": code, "profile": profile},
                    loc=code,
                )
            )
            continue
        if kind == "remove" and not has:
            errors.append(
                FieldError(
                    kind,
                    N_("{code} biedt {profile} niet aan; er valt niets weg te halen."),
                    {"code": code, "profile": profile},
                    loc=code,
                )
            )
            continue
        out.append((code, profile))
    return out


def location_addable(baseline: Baseline) -> dict[str, frozenset[str]]:
    """Every baseline location's technical profiles the builder may add: not offered there
    yet, and in at least one leerweg the location has pupils in, the model can predict the
    profile (else the runner refuses the addition or adds nothing)."""
    offer = np.asarray(baseline.offer.any(axis=0), dtype=np.bool_)
    has = np.asarray(baseline.has_leerweg, dtype=np.bool_)  # 3 x n
    estimable = np.asarray(baseline.estimable, dtype=np.bool_)  # 3 x profiles
    cols = [PROFILES.index(p) for p in TECHNICAL]
    possible = np.asarray((has[:, :, None] & estimable[:, None, cols]).any(axis=0))  # n x techn.
    return {
        code: frozenset(
            p for k, p in enumerate(TECHNICAL) if possible[i, k] and not offer[i, cols[k]]
        )
        for i, code in enumerate(baseline.locations)
    }


def location_offers(baseline: Baseline) -> dict[str, frozenset[str]]:
    """Every baseline location's profiles with pupils (any leerweg)."""
    offer = np.asarray(baseline.offer.any(axis=0), dtype=np.bool_)
    return {
        code: frozenset(PROFILES[j] for j in range(len(PROFILES)) if offer[i, j])
        for i, code in enumerate(baseline.locations)
    }


def build_scenario(
    form: BuilderForm,
    baseline: Baseline,
    *,
    default_name: str,
    require_measures: bool = True,
) -> BuiltScenario:
    """The scenario the form describes on ``baseline`` (the form's region, newest year).

    Raises:
        ScenarioFormError: one item per invalid field (all fields are checked).
    """
    errors: list[FieldError] = []
    name = form.name or default_name
    if len(name) > MAX_NAME or _CONTROL.search(name):
        errors.append(
            FieldError(
                "name",
                N_("Geef een naam van hooguit {max} tekens, zonder regeleinden."),
                {"max": MAX_NAME},
            )
        )
    start = default_start(baseline.year)
    if form.start:
        lo, hi = baseline.year + 1, baseline.year + MAX_START_AFTER
        try:
            start = int(form.start)
        except ValueError:
            start = -1
        if not lo <= start <= hi:
            errors.append(
                FieldError(
                    "start",
                    N_(
                        "Eerste jaar: verwacht een jaar van {lo} tot en met {hi}, gevonden "
                        "'{found}'."
                    ),
                    {"found": form.start, "lo": lo, "hi": hi},
                )
            )
    offers = location_offers(baseline)
    removes = _items(form, "remove", baseline, offers, errors)
    adds = _items(form, "add", baseline, offers, errors, location_addable(baseline))
    profile_set = form.profile_set or ProfileSet.TECHNIEK.value
    if profile_set not in UPLIFT_SETS:
        errors.append(
            FieldError(
                "set",
                N_("Profielset: verwacht techniek of techniek_ict, gevonden '{found}'."),
                {"found": form.profile_set, "expected": "techniek"},
            )
        )
    guidance = None
    if form.guidance:
        guidance = parse_number(form.guidance)
        if guidance is None or not 0 < guidance <= MAX_ODDS_RATIO:
            errors.append(
                FieldError(
                    "guidance",
                    N_(
                        "Oddsratio: verwacht een getal groter dan 0 en hooguit {max} (1 = "
                        "geen effect), gevonden '{found}'."
                    ),
                    {"found": form.guidance, "max": f"{MAX_ODDS_RATIO:g}"},
                )
            )
    guidance_cost = _money(form.guidance_cost, "guidance_cost", errors)
    flow = None
    if form.flow:
        flow = parse_number(form.flow)
        if flow is None or not -100 <= flow <= 100:
            errors.append(
                FieldError(
                    "flow",
                    N_(
                        "Extra doorstroom: verwacht procentpunten van -100 tot en met 100, "
                        "gevonden '{found}'."
                    ),
                    {"found": form.flow},
                )
            )
    flow_cost = _money(form.flow_cost, "flow_cost", errors)
    pc4 = None
    if form.mbo_pc4:
        text = form.mbo_pc4.strip()
        if not (text.isdigit() and len(text) == 4):
            errors.append(
                FieldError(
                    "mbo_pc4",
                    N_("Postcode: verwacht 4 cijfers, zoals 3072; gevonden '{found}'."),
                    {"found": form.mbo_pc4},
                )
            )
        elif text not in baseline.national.centroids:
            errors.append(
                FieldError(
                    "mbo_pc4",
                    N_("Postcode {pc4}: het midden van dit postcodegebied is onbekend."),
                    {"pc4": text},
                )
            )
        else:
            pc4 = text
    mbo_name = form.mbo_name or (f"mbo {pc4}" if pc4 else "")
    if len(mbo_name) > MAX_NAME or _CONTROL.search(mbo_name):
        errors.append(
            FieldError(
                "mbo_name",
                N_("Geef een naam van hooguit {max} tekens, zonder regeleinden."),
                {"max": MAX_NAME},
            )
        )
    mbo_one_off = _money(form.mbo_one_off, "mbo_one_off", errors)
    if require_measures and not errors and not form.has_measures:
        errors.append(
            FieldError(
                "add",
                N_(
                    "Het scenario doet nog niets: voeg een profiel toe, haal er een weg, "
                    "of vul LOB, doorstroom of een mbo-locatie in."
                ),
            )
        )
    if errors:
        raise ScenarioFormError(errors, form)

    region = baseline.region.code
    interventions: list[Intervention] = []
    origins: list[tuple[str, str | None]] = []
    for code, profile in removes:
        interventions.append(RemoveProfile(location=code, profile=profile))
        origins.append(("remove", code))
    for code, profile in adds:
        interventions.append(AddProfile(location=code, profile=profile))
        origins.append(("add", code))
    if guidance is not None:
        interventions.append(
            GuidanceUplift(
                region=region,
                profile_set=_set_codes(profile_set),
                odds_ratio=guidance,
                cost_per_year=guidance_cost,
            )
        )
        origins.append(("guidance", None))
    if flow is not None:
        interventions.append(
            FlowUplift(
                region=region,
                profile_set=_set_codes(profile_set),
                points=flow,
                cost_per_year=flow_cost,
            )
        )
        origins.append(("flow", None))
    if pc4 is not None:
        interventions.append(NewMboLocation(name=mbo_name, pc4=pc4, one_off_cost=mbo_one_off))
        origins.append(("mbo_pc4", None))
    scenario = Scenario(
        name=name,
        region=region,
        baseline_year=baseline.year,
        horizon=Horizon(start=start, years=HORIZON_YEARS),
        interventions=tuple(interventions),
    )
    return BuiltScenario(scenario, tuple(origins))


def _set_codes(name: str) -> tuple[str, ...]:
    return ProfileSet(name).codes


_ITEM = re.compile(r"interventions\[(\d+)\]")


def run_error(exc: InputError, built: BuiltScenario, form: BuilderForm) -> ScenarioFormError:
    """A ``ScenarioError`` of the runner as a form error on the field it came from."""
    text = getattr(exc, "detail", str(exc))
    m = _ITEM.search(text)
    field_name, loc = ("region", None)
    if m and int(m.group(1)) < len(built.origins):
        field_name, loc = built.origins[int(m.group(1))]
    return ScenarioFormError(
        [
            FieldError(
                field_name,
                N_("Het model kan dit niet doorrekenen: {message}"),
                {"message": text},
                loc=loc,
            )
        ],
        form,
    )
