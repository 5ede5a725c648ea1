"""Running scenarios for the web pages: the builder's baseline, a form or compare spec resolved
to a scenario, runs cached per canonical scenario and bounded by the web limits.

Runs go through ``kansrijk.scenarios.run`` and ``compare`` — the functions behind
``kansrijk scenario run`` / ``compare`` — so the JSON twins are the CLI's ``--json``
documents. Results are kept in an LRU per (scenario as canonical JSON, draws, seed): the
warehouse is read-only while serving, so a result never goes stale.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from kansrijk.errors import InputError, Message, UnknownRegionError, message_of
from kansrijk.l10n.monitor import N_, error_text, t
from kansrijk.scenarios import (
    DEFAULT_SEED,
    MAX_SCENARIOS,
    PRESETS,
    Baseline,
    Comparison,
    Scenario,
    ScenarioDataError,
    ScenarioError,
    ScenarioResult,
    compare,
    demo_presets,
    run,
)
from kansrijk.web.cache import LruCache
from kansrijk.web.deps import Ctx
from kansrijk.web.limits import LimitError, RunGate, check_work
from kansrijk.web.scenario_form import (
    BUILT_PREFIX,
    DEFAULT_DRAWS,
    PRESET_PREFIX,
    BuilderForm,
    BuiltScenario,
    FieldError,
    ScenarioFormError,
    build_scenario,
    parse_draws,
    run_error,
)
from kansrijk.web.state import WebState

log = logging.getLogger("kansrijk.web")


def results_cache(state: WebState) -> LruCache[ScenarioResult]:
    """The app's scenario results (LRU of ``scenario_cache_size``)."""
    size = state.settings.scenario_cache_size
    cache: LruCache[ScenarioResult] = state.views.get_or_make(
        ("scenario-results",), lambda: LruCache(size)
    )
    return cache


def _results(ctx: Ctx) -> LruCache[ScenarioResult]:
    return results_cache(ctx.state)


def scenario_key(scenario: Scenario, draws: int, seed: int = DEFAULT_SEED) -> tuple[str, int, int]:
    """The cache key of a run: the scenario as canonical JSON, the draws and the seed."""
    return (scenario.model_dump_json(), draws, seed)


def _gate(ctx: Ctx) -> RunGate:
    gate: RunGate = ctx.request.app.state.scenario_gate
    return gate


def run_scenario(ctx: Ctx, scenario: Scenario, draws: int) -> ScenarioResult:
    """``kansrijk.scenarios.run`` through the LRU (one run per canonical scenario), within
    the web limits: its cost (locations x draws) checked first, then computed by the app's
    :class:`~kansrijk.web.limits.RunGate` (bounded workers and waits) on its own cursor.

    Raises:
        LimitError: over the work budget (400) or no worker / no result in time (503).
    """
    cache = _results(ctx)
    key = scenario_key(scenario, draws)
    found = cache.get(key)
    if found is not None:
        return found
    settings = ctx.state.settings
    try:
        n_locations = len(builder_baseline(ctx, scenario.region).locations)
    except (UnknownRegionError, ScenarioDataError):
        n_locations = 1  # the run itself reports the region
    check_work(n_locations, draws, settings)
    compute = _computation(ctx.state, scenario, draws)
    return _gate(ctx).run_sync(lambda: cache.get_or_make(key, compute))


def _computation(state: WebState, scenario: Scenario, draws: int) -> Callable[[], ScenarioResult]:
    """The run of ``scenario`` on a cursor of its own."""
    root = state.warehouse
    catalog = state.catalog

    def compute() -> ScenarioResult:
        cursor = root.cursor()  # the request's cursor may be closed before a late run ends
        try:
            return run(scenario, cursor, catalog, draws=draws, seed=DEFAULT_SEED)
        finally:
            cursor.close()

    return compute


def warm_presets(state: WebState, gate: RunGate) -> threading.Thread:
    """Run the presets at the default draws, one after the other, in a background thread
    through the gate (``kansrijk serve`` does at startup): the first visitor of a preset, and
    the first run of any scenario (it needs the choice models, estimated once), need not
    wait. One worker at a time, so visitors keep the others; a refusal is only logged."""
    cache = results_cache(state)

    def warm() -> None:
        for name, scenario in demo_presets.presets(demo=state.demo):
            if gate.closed:  # the server is stopping: nothing left to warm
                return
            compute = _computation(state, scenario, DEFAULT_DRAWS)
            key = scenario_key(scenario, DEFAULT_DRAWS)
            try:
                gate.run_sync(functools.partial(cache.get_or_make, key, compute))
            except Exception as exc:  # noqa: BLE001 - a warm-up never stops the server
                if gate.closed:  # stopped during the run: not a failure of the preset
                    return
                log.warning("warming the preset %s failed: %s", name, exc)

    thread = threading.Thread(target=warm, name="kansrijk-warm-presets", daemon=True)
    thread.start()
    return thread


def builder_baseline(ctx: Ctx, region_code: str | None) -> Baseline:
    """The baseline the builder lists and validates against: the region (default: the app's)
    in the newest loaded year (cached).

    Raises:
        UnknownRegionError: unknown region; ScenarioDataError: no data or no locations.
    """
    region = ctx.region(region_code)
    year = ctx.state.newest_year("vo_enrollment")
    if year is None:
        raise ScenarioDataError(
            Message("no vmbo enrollment in the warehouse; ingest DUO files or run `kansrijk demo`")
        )
    baseline: Baseline = ctx.state.views.get_or_make(
        ("scenario-baseline", region.code, year),
        lambda: Baseline.from_warehouse(ctx.wh, ctx.catalog, region.code, year),
    )
    return baseline


@dataclass(frozen=True, slots=True)
class Resolved:
    """A scenario to run: from a preset or from the builder (normalised form)."""

    scenario: Scenario
    preset: str | None = None
    form: BuilderForm | None = None
    built: BuiltScenario | None = None

    @property
    def spec(self) -> str:
        """The compare spec: ``preset:NAME`` or ``built:<base64url>``."""
        if self.preset is not None:
            return PRESET_PREFIX + self.preset
        assert self.form is not None
        return self.form.encode()

    def run_url(self, draws: int, basket: Sequence[str] = ()) -> str:
        """The run page of this scenario."""
        items: list[tuple[str, str]]
        if self.preset is not None:
            items = [("preset", self.preset)]
        else:
            assert self.form is not None
            items = self.form.query_items()
        items += [("draws", str(draws))] + [("s", s) for s in basket]
        return "/scenarios/run?" + urlencode(items)


def form_baseline(ctx: Ctx, form: BuilderForm) -> Baseline:
    """``builder_baseline`` of the form's region.

    Raises:
        ScenarioFormError: on the region field, when it has no baseline.
    """
    try:
        return builder_baseline(ctx, form.region or None)
    except (UnknownRegionError, ScenarioDataError) as exc:
        region_error = FieldError("region", N_("Regio: {message}"), {"message": message_of(exc)})
        raise ScenarioFormError([region_error], form) from None


def check_changes(ctx: Ctx, changes: int) -> None:
    """At most ``max_scenario_changes`` additions plus removals in one scenario.

    Raises:
        LimitError: more.
    """
    limit = ctx.state.settings.max_scenario_changes
    if changes > limit:
        raise LimitError(
            N_(
                "Te veel wijzigingen in één scenario: {found} profielen toevoegen of "
                "weghalen, hooguit {max}. Splits het scenario of kies een kleinere "
                "regio."
            ),
            column="add",
            found=changes,
            max=limit,
        )


def resolve_form(ctx: Ctx, form: BuilderForm, *, require_measures: bool = True) -> Resolved:
    """The scenario of a builder form, on the form's region (default: the app's).

    Raises:
        ScenarioFormError: invalid fields (the region's among them); LimitError: more
        changes than the setting ``max_scenario_changes``.
    """
    check_changes(ctx, len(form.add) + len(form.remove))
    baseline = form_baseline(ctx, form)
    built = build_scenario(
        form.with_region(baseline.region.code),
        baseline,
        default_name=t(ctx.lang, "Eigen scenario"),
        require_measures=require_measures,
    )
    s = built.scenario
    horizon = s.horizon_for(baseline.year)
    normal = BuilderForm.from_params(
        [
            ("name", s.name),
            ("region", s.region),
            ("start", str(horizon.start)),
            *[(k, v) for k, v in form.query_items() if k not in ("name", "region", "start")],
        ]
    )
    return Resolved(s, form=normal, built=built)


def check_spec(spec: str) -> str | BuilderForm:
    """A preset name (``preset:NAME`` or a bare known name) or a decoded builder form
    (``built:<base64url>``, ``BuilderForm.encode``).

    Raises:
        InputError: neither, or an unknown preset.
    """
    text = spec.strip()
    name = (
        text[len(PRESET_PREFIX) :].strip().lower()
        if text.lower().startswith(PRESET_PREFIX)
        else None
    )
    if name is not None or text.lower() in PRESETS:
        name = name or text.lower()
        if name not in PRESETS:
            Scenario.preset(name)  # raises the ScenarioError that lists the known presets
        return name
    if text.startswith(BUILT_PREFIX):
        return BuilderForm.decode(text)
    raise InputError(
        Message(
            "expected 'preset:NAME' (one of {known}) or 'built:' with the "
            "base64url-encoded builder query; found {found!r}",
            known=", ".join(PRESETS),
            found=spec[:40],
        )
    )


def resolve_spec(ctx: Ctx, spec: str) -> Resolved:
    """A compare spec (``preset:NAME`` or ``built:...``) as a scenario."""
    checked = check_spec(spec)
    if isinstance(checked, str):
        return Resolved(demo_presets.preset(checked, demo=ctx.state.demo), preset=checked)
    return resolve_form(ctx, checked)


def run_resolved(ctx: Ctx, resolved: Resolved, draws: int) -> ScenarioResult:
    """Run; a runner error on a built scenario becomes a form error on its field."""
    try:
        return run_scenario(ctx, resolved.scenario, draws)
    except ScenarioError as exc:
        if resolved.built is not None and resolved.form is not None:
            raise run_error(exc, resolved.built, resolved.form) from None
        raise


def resolve_run(
    ctx: Ctx, form: BuilderForm, preset: str | None, draws_text: str | None
) -> tuple[Resolved, int]:
    """The scenario of ``/scenarios/run`` (a preset, else the builder's) and its draws.

    Raises:
        ScenarioFormError: invalid fields or draws (all of them reported).
    """
    draws, draws_error = parse_draws(draws_text, ctx.state.settings.max_draws)
    problems = [draws_error] if draws_error else []
    if preset:
        if draws_error:
            raise ScenarioFormError(problems, form)
        return resolve_spec(ctx, PRESET_PREFIX + preset.strip().lower()), draws
    try:
        resolved = resolve_form(ctx, form)
    except ScenarioFormError as exc:
        raise ScenarioFormError([*exc.errors, *problems], form) from None
    if draws_error:
        raise ScenarioFormError(problems, form)
    return resolved, draws


def result_of(
    ctx: Ctx, form: BuilderForm, preset: str | None, draws_text: str | None
) -> tuple[Resolved, int, ScenarioResult]:
    """The resolved scenario of ``/scenarios/run``, its draws and its (cached) result."""
    resolved, draws = resolve_run(ctx, form, preset, draws_text)
    return resolved, draws, run_resolved(ctx, resolved, draws)


def check_count(specs: Sequence[str]) -> None:
    """At most MAX_SCENARIOS specs.

    Raises:
        InputError: more than four.
    """
    if len(specs) > MAX_SCENARIOS:
        raise InputError(
            Message(
                "s: at most {most} scenarios side by side; found {found}. "
                "Remove one (each column has a link to remove it) and try again",
                most=MAX_SCENARIOS,
                found=len(specs),
            ),
            column="s",
        )


class SpecFormError(InputError):
    """The builder's problems with the ``i``-th scenario of a comparison: said in the page's
    language (``message``) as the builder says them, after ``s[i] (spec)``."""

    def __init__(self, i: int, spec: str, form_error: ScenarioFormError) -> None:
        self.form_error = form_error
        self.prefix = f"s[{i}] ({spec}): "
        super().__init__(self.prefix + form_error.message("en"), column="s")

    def message(self, lang: str) -> str:
        """The place, the scenario and the builder's problems in ``lang``."""
        place = error_text(lang, Message("column {column!r}", column="s"))[0]
        return f"{place}: {self.prefix}{self.form_error.message(lang)}"


def spec_error(i: int, spec: str, exc: InputError) -> InputError:
    """The error of the ``i``-th scenario of a comparison, its message after ``s[i] (spec)``
    (translated: a builder's problems in the page's language, others through the ``errors``
    catalogue)."""
    if isinstance(exc, ScenarioFormError):
        return SpecFormError(i, spec, exc)
    return InputError(
        Message("s[{i}] ({spec}): {error}", i=i, spec=spec, error=message_of(exc)),
        column="s",
    )


def comparison_for(
    ctx: Ctx, specs: Sequence[str], draws_text: str | None
) -> tuple[Comparison, list[Resolved], int]:
    """Run (cached) and compare the scenarios of ``specs``.

    Raises:
        InputError: more than four, a bad spec, bad draws, duplicate names.
    """
    check_count(specs)
    draws, draws_error = parse_draws(draws_text, ctx.state.settings.max_draws)
    if draws_error:
        raise ScenarioFormError([draws_error], column="draws")
    resolved = []
    for i, spec in enumerate(specs):
        try:
            resolved.append(resolve_spec(ctx, spec))
        except InputError as exc:
            raise spec_error(i, spec[:40], exc) from None
    results = []
    for i, r in enumerate(resolved):
        try:
            results.append(run_resolved(ctx, r, draws))
        except InputError as exc:
            raise spec_error(i, r.scenario.name, exc) from None
    return compare(results), resolved, draws


@dataclass(frozen=True, slots=True)
class Compared:
    """The scenarios of a compare basket, run and compared (none for an empty basket)."""

    specs: tuple[str, ...]
    comparison: Comparison | None
    resolved: tuple[Resolved, ...]
    draws: int

    def required(self) -> Comparison:
        """The comparison; an empty basket has none.

        Raises:
            ScenarioError: nothing to compare.
        """
        return self.comparison if self.comparison is not None else compare([])


def compared(ctx: Ctx, specs: Sequence[str], draws_text: str | None) -> Compared:
    """``comparison_for`` of a basket; an empty one compares nothing (the page says so)."""
    if not specs:
        draws, _ = parse_draws(draws_text, ctx.state.settings.max_draws)
        return Compared((), None, (), draws)
    comparison, resolved, draws = comparison_for(ctx, specs, draws_text)
    return Compared(tuple(specs), comparison, tuple(resolved), draws)
