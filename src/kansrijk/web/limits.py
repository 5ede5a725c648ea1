"""Limits on what one web request may ask for (settings ``max_*``, docs/settings.md).

- ``check_request`` (an app-wide dependency) refuses, before any route runs, a request
  target longer than ``max_url_bytes`` (414), more than ``max_query_items`` query
  parameters, a value longer than ``max_value_chars`` and a comma-separated list (``region``,
  ``regions``, ``year``, ``by``) or repeated basket (``s``) longer than ``max_list_items``
  (400).
- ``check_work`` bounds a run's cost (locations x (draws + 1)) before anything is
  computed; the builder bounds a scenario's additions plus removals
  (``max_scenario_changes``, ``scenario_runs.resolve_form``).
- ``RunGate`` runs scenario computations in at most ``scenario_workers`` threads; a request
  that waits longer than ``scenario_queue_seconds`` for a worker or
  ``scenario_timeout_seconds`` for its result gets 503 with ``Retry-After`` (a run that
  started finishes in the background and lands in the result cache).

Each refusal is a :class:`LimitError`: an ``InputError`` with its HTTP status and a message
key, so pages say it in their language and the API in English, in the one error envelope.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import Request

from kansrijk.errors import InputError
from kansrijk.l10n.monitor import N_, t
from kansrijk.settings import Settings

T = TypeVar("T")

#: Query parameters that hold comma-separated lists.
LIST_PARAMS: tuple[str, ...] = ("region", "regions", "year", "by")
#: Query parameters that may repeat, each repeat one item of a list.
REPEATED_PARAMS: tuple[str, ...] = ("s",)


class LimitError(InputError):
    """A request over one of the web limits (``status`` 400, 414 or 503)."""

    def __init__(
        self,
        key: str,
        status: int = 400,
        *,
        column: str | None = None,
        retry_after: int | None = None,
        **values: Any,
    ) -> None:
        self.key = key
        self.values = values
        self.status = status
        self.retry_after = retry_after
        super().__init__(t("en", key, **values), column=column)

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(lang, self.key, **self.values)


def _settings(request: Request) -> Settings:
    web = getattr(request.app.state, "web", None)
    settings: Settings = web.settings if web is not None else Settings()
    return settings


async def check_request(request: Request) -> None:
    """The request's size limits (an app-wide dependency: runs before every route)."""
    settings = _settings(request)
    target = len(request.scope.get("raw_path") or b"") + len(request.scope.get("query_string", b""))
    if target > settings.max_url_bytes:
        raise LimitError(
            N_(
                "Het adres is te lang: {found} tekens, hooguit {max}. Maak het "
                "scenario kleiner of kies minder regio's."
            ),
            414,
            found=target,
            max=settings.max_url_bytes,
        )
    items = request.query_params.multi_items()
    if len(items) > settings.max_query_items:
        raise LimitError(
            N_("Te veel parameters in het adres: {found}, hooguit {max}."),
            found=len(items),
            max=settings.max_query_items,
        )
    counts: dict[str, int] = {}
    for key, value in items:
        if len(value) > settings.max_value_chars or len(key) > settings.max_value_chars:
            raise LimitError(
                N_("Parameter '{name}' is te lang: {found} tekens, hooguit {max}."),
                column=key[:40],
                name=key[:40],
                found=max(len(value), len(key)),
                max=settings.max_value_chars,
            )
        if key in LIST_PARAMS:
            n = value.count(",") + 1
            if n > settings.max_list_items:
                raise LimitError(
                    N_("Parameter '{name}' noemt te veel waarden: {found}, hooguit {max}."),
                    column=key,
                    name=key,
                    found=n,
                    max=settings.max_list_items,
                )
        if key in REPEATED_PARAMS:
            counts[key] = counts.get(key, 0) + 1
            if counts[key] > settings.max_list_items:
                raise LimitError(
                    N_("Parameter '{name}' noemt te veel waarden: {found}, hooguit {max}."),
                    column=key,
                    name=key,
                    found=sum(1 for k, _ in items if k == key),
                    max=settings.max_list_items,
                )


def work_of(n_locations: int, draws: int) -> int:
    """The cost of a run in location-draws: its time grows with both (docs/performance.md)."""
    return max(n_locations, 1) * (draws + 1)


def check_work(n_locations: int, draws: int, settings: Settings) -> None:
    """A run's cost within ``max_scenario_work``; the message says how many draws fit."""
    if draws > settings.max_draws:
        raise LimitError(
            N_("Trekkingen: hooguit {max}, gevonden {found}."),
            column="draws",
            found=draws,
            max=settings.max_draws,
        )
    if work_of(n_locations, draws) > settings.max_scenario_work:
        fit = max(settings.max_scenario_work // max(n_locations, 1) - 1, 0)
        raise LimitError(
            N_(
                "Dit scenario is te zwaar om hier door te rekenen: {locations} "
                "locaties met {draws} trekkingen. Kies hooguit {fit} trekkingen of "
                "een kleinere regio (of reken het door met `kansrijk scenario run`)."
            ),
            column="draws",
            draws=draws,
            locations=n_locations,
            fit=min(fit, settings.max_draws),
        )


class RunGate:
    """At most ``workers`` scenario computations at a time, with bounded waits.

    ``await gate.run(fn)`` runs ``fn`` in the gate's own thread pool. The wait for a free
    worker is bounded by ``queue_seconds`` and the wait for the result by ``timeout_seconds``;
    either gives a 503 :class:`LimitError` with ``Retry-After``. A thread cannot be stopped, so
    a run that times out finishes in the background (its worker stays taken until then, which
    is what bounds the CPU the runs can take together); its result is cached by the caller's
    ``fn``, so asking again is served from the cache.
    """

    def __init__(self, workers: int, queue_seconds: float, timeout_seconds: float) -> None:
        self.workers = workers
        self.queue_seconds = queue_seconds
        self.timeout_seconds = timeout_seconds
        self._slots = threading.BoundedSemaphore(workers)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="kansrijk-scenario")
        self.refused = 0
        #: Set by ``shutdown``: the server is stopping and takes no new runs.
        self.closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> RunGate:
        return cls(
            settings.scenario_workers,
            settings.scenario_queue_seconds,
            settings.scenario_timeout_seconds,
        )

    def _busy(self, key: str, seconds: float) -> LimitError:
        self.refused += 1
        return LimitError(key, 503, retry_after=max(1, math.ceil(seconds)), seconds=f"{seconds:g}")

    def _slot(self) -> bool:
        return self._slots.acquire(timeout=self.queue_seconds)

    def _guarded(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        finally:
            self._slots.release()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Start ``fn`` when a worker is free (blocking up to ``queue_seconds``)."""
        if not self._slot():
            raise self._busy(
                N_(
                    "De server rekent al zoveel scenario's door dat er na {seconds} s "
                    "nog geen plaats was. Probeer het zo opnieuw."
                ),
                self.queue_seconds,
            )
        try:
            return self._pool.submit(self._guarded, fn)
        except RuntimeError:  # shut down meanwhile: give the slot back
            self._slots.release()
            raise

    def run_sync(self, fn: Callable[[], T]) -> T:
        """``fn``'s result, from a worker thread (for code already off the event loop)."""
        started = time.monotonic()
        future = self.submit(fn)
        left = self.timeout_seconds - (time.monotonic() - started)
        try:
            return future.result(timeout=max(left, 0.0))
        except TimeoutError:
            raise self._busy(
                N_(
                    "Het doorrekenen duurde langer dan {seconds} s. Het gaat op de "
                    "achtergrond door; probeer het zo opnieuw."
                ),
                self.timeout_seconds,
            ) from None

    async def run(self, fn: Callable[[], T]) -> T:
        """``run_sync`` without blocking the event loop."""
        return await asyncio.to_thread(self.run_sync, fn)

    def shutdown(self) -> None:
        self.closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
