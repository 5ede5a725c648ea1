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
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from pydantic import BaseModel, ValidationError, create_model

from kansrijk.errors import InputError, Message
from kansrijk.l10n.monitor import N_, error_text, t
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
from kansrijk.scenarios.location_offer import offer_context
from kansrijk.vocab import ProfileSet

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
#: The query parameter of a field, where it is not the field's name.
_KEYS = {"profile_set": "set"}
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
            else:
                single[key] = value.strip()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            key = _KEYS.get(f.name, f.name)
            values[f.name] = tuple(multi[key]) if key in _REPEATED else single.get(key, "")
        values["region"] = values["region"].upper()
        values["profile_set"] = values["profile_set"].lower()
        return cls(**values)

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
                Message(
                    "expected 'built:' and the base64url-encoded query of the builder; "
                    "found {found!r}",
                    found=spec[:40],
                )
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


_COST = N_("Kosten: verwacht een bedrag in euro van 0 of meer, gevonden '{found}'.")
_NAME = N_("Geef een naam van hooguit {max} tekens, zonder regeleinden.")
#: A number field -> the intervention field whose bounds it takes, and its message.
_NUMBERS: dict[str, tuple[type[BaseModel], str, str]] = {
    "guidance": (
        GuidanceUplift,
        "odds_ratio",
        N_(
            "Oddsratio: verwacht een getal groter dan 0 en hooguit {max} (1 = "
            "geen effect), gevonden '{found}'."
        ),
    ),
    "guidance_cost": (GuidanceUplift, "cost_per_year", _COST),
    "flow": (
        FlowUplift,
        "points",
        N_("Extra doorstroom: verwacht procentpunten van -100 tot en met 100, gevonden '{found}'."),
    ),
    "flow_cost": (FlowUplift, "cost_per_year", _COST),
    "mbo_one_off": (NewMboLocation, "one_off_cost", _COST),
}
#: How the builder says a refused addition or removal (pydantic error type -> message).
_ITEM_MESSAGES: dict[str, str] = {
    "unknown_location": N_(
        "Onbekende locatie '{code}': geen vmbo-locatie met "
        "BB/KB/GL-leerlingen in leerjaar 3-4 van regio {region} in {year}. "
        "Kies een locatie uit de lijst of een andere regio."
    ),
    "profile": N_("{code}: '{found}' is geen technisch profiel; verwacht een van {expected}."),
    "already_offered": N_("{code} biedt {profile} al aan."),
    "not_addable": N_(
        "{code}: {profile} kan hier niet worden toegevoegd: de locatie heeft "
        "geen leerlingen in een leerweg waarvoor het model dit profiel kan "
        "voorspellen."
    ),
    "not_offered": N_("{code} biedt {profile} niet aan; er valt niets weg te halen."),
}


@functools.cache
def _field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """A model of one field of ``model``, with its type and bounds (gt, le, ...)."""
    info = model.model_fields[name]
    field: Any = (info.annotation, info)
    return create_model(f"{model.__name__}_{name}", value=field)


def _number(form: BuilderForm, field: str, errors: list[FieldError]) -> float | None:
    """The field's number if the intervention takes it (None: empty or refused)."""
    text = getattr(form, field)
    if not text:
        return None
    model, name, key = _NUMBERS[field]
    parsed = parse_number(text)
    try:
        value = _field_model(model, name).model_validate(
            {"value": text if parsed is None else parsed}
        )
        return float(value.model_dump()["value"])
    except ValidationError:
        info = model.model_fields[name]
        upper = next((float(m.le) for m in info.metadata if getattr(m, "le", None) is not None), 0)
        errors.append(FieldError(field, key, {"found": text, "max": f"{upper:g}"}))
        return None


def _name(field: str, value: str, errors: list[FieldError]) -> None:
    if len(value) > MAX_NAME or _CONTROL.search(value):
        errors.append(FieldError(field, _NAME, {"max": MAX_NAME}))


def _items(
    form: BuilderForm, kind: str, baseline: Baseline, errors: list[FieldError]
) -> list[AddProfile | RemoveProfile]:
    """The form's ``add`` or ``remove`` items as interventions the baseline allows."""
    model = AddProfile if kind == "add" else RemoveProfile
    context = offer_context(baseline, TECHNICAL)
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
        try:
            out.append(
                model.model_validate({"location": code, "profile": profile}, context=context)
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            refusal = "profile" if first["loc"] == ("profile",) else first["type"]
            values = {"code": code, "profile": profile, "found": profile}
            values |= {"expected": ", ".join(TECHNICAL), **first.get("ctx", {})}
            loc = None if refusal == "unknown_location" else code
            errors.append(FieldError(kind, _ITEM_MESSAGES[refusal], values, loc=loc))
    return out


def _start(form: BuilderForm, baseline: Baseline, errors: list[FieldError]) -> int:
    if not form.start:
        return default_start(baseline.year)
    lo, hi = baseline.year + 1, baseline.year + MAX_START_AFTER
    try:
        start = int(form.start)
    except ValueError:
        start = -1
    if not lo <= start <= hi:
        errors.append(
            FieldError(
                "start",
                N_("Eerste jaar: verwacht een jaar van {lo} tot en met {hi}, gevonden '{found}'."),
                {"found": form.start, "lo": lo, "hi": hi},
            )
        )
    return start


def _new_mbo(form: BuilderForm, baseline: Baseline, errors: list[FieldError]) -> str | None:
    """The form's PC4 as the new mbo location takes it (None: empty or refused)."""
    if not form.mbo_pc4:
        return None
    try:  # the PC4 alone: the name and cost are fields of their own
        return NewMboLocation.model_validate(
            {"name": "-", "pc4": form.mbo_pc4}, context=offer_context(baseline)
        ).pc4
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "unknown_pc4":
            key = N_("Postcode {pc4}: het midden van dit postcodegebied is onbekend.")
        else:
            key = N_("Postcode: verwacht 4 cijfers, zoals 3072; gevonden '{found}'.")
        values = {"found": form.mbo_pc4, "pc4": form.mbo_pc4, **exc.errors()[0].get("ctx", {})}
        errors.append(FieldError("mbo_pc4", key, values))
        return None


def build_scenario(
    form: BuilderForm,
    baseline: Baseline,
    *,
    default_name: str,
    require_measures: bool = True,
) -> BuiltScenario:
    """The scenario the form describes on ``baseline`` (the form's region, newest year): each
    field mapped to its intervention, whose model says what is allowed.

    Raises:
        ScenarioFormError: one item per invalid field (all fields are checked).
    """
    errors: list[FieldError] = []
    name = form.name or default_name
    _name("name", name, errors)
    start = _start(form, baseline, errors)
    removes = _items(form, "remove", baseline, errors)
    adds = _items(form, "add", baseline, errors)
    profile_set = form.profile_set or ProfileSet.TECHNIEK.value
    if profile_set not in UPLIFT_SETS:
        errors.append(
            FieldError(
                "set",
                N_("Profielset: verwacht techniek of techniek_ict, gevonden '{found}'."),
                {"found": form.profile_set},
            )
        )
    numbers = {field: _number(form, field, errors) for field in _NUMBERS}
    pc4 = _new_mbo(form, baseline, errors)
    mbo_name = form.mbo_name or (f"mbo {pc4}" if pc4 else "")
    _name("mbo_name", mbo_name, errors)
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
    codes = ProfileSet(profile_set).codes
    interventions: list[Intervention] = [*removes, *adds]
    origins: list[tuple[str, str | None]] = [("remove", iv.location) for iv in removes]
    origins += [("add", iv.location) for iv in adds]
    for field, model, cost in (
        ("guidance", GuidanceUplift, "guidance_cost"),
        ("flow", FlowUplift, "flow_cost"),
    ):
        value = numbers[field]
        if value is not None:
            # the field's number is what _NUMBERS maps it to: odds_ratio or points
            uplift = {"region": region, "profile_set": codes, _NUMBERS[field][1]: value}
            interventions.append(
                model.model_validate(uplift | {"cost_per_year": numbers[cost] or 0.0})
            )
            origins.append((field, None))
    if pc4 is not None:
        interventions.append(
            NewMboLocation(name=mbo_name, pc4=pc4, one_off_cost=numbers["mbo_one_off"] or 0.0)
        )
        origins.append(("mbo_pc4", None))
    scenario = Scenario(
        name=name,
        region=region,
        baseline_year=baseline.year,
        horizon=Horizon(start=start, years=HORIZON_YEARS),
        interventions=tuple(interventions),
    )
    return BuiltScenario(scenario, tuple(origins))


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
