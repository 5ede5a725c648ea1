"""Start-up warming (``kansrijk serve``): in one background thread, so serving starts at once
and never waits for it, the app computes what first visits would otherwise compute while
their visitors wait:

1. the overview page of every region of the selector (``/?region=<code>``, the default
   language), rendered into the page cache: its tile and trend indicators are computed for
   all regions at once (``region_batch``) by the first, and cut from that for the others;
2. the gzip copy of plotly.js when only the whole bundle is installed (``vendor``).

The planner's models are estimated by the preset warming (``scenario_runs.warm_presets``),
which runs through the scenario gate after this. Progress is in ``Warming`` (its ``done``
event and figures) and logged; a failure is logged and ends the warming, never the server.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from kansrijk.l10n.monitor import DEFAULT_LANGUAGE, normalise_language
from kansrijk.web.deps import Ctx, RequestDb
from kansrijk.web.render import warm_page
from kansrijk.web.state import WebState
from kansrijk.web.vendor import Bundle

log = logging.getLogger("kansrijk.web")


@dataclass
class Warming:
    """What the start-up warming did (read by tests and benchmarks)."""

    done: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)  # set at shutdown
    thread: threading.Thread | None = None
    regions: int = 0
    seconds: float = 0.0
    error: str | None = None


def warm_request(app: Any, path: str, query: str) -> Request:
    """A GET request as a browser would send it (no cookies), for rendering at warm-up."""
    return Request(
        {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "server": ("localhost", 80),
            "root_path": "",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "headers": [(b"host", b"localhost")],
            "app": app,
        }
    )


def overview_for_all(
    app: Any,
    state: WebState,
    page: Callable[[Ctx, str], tuple[str, Mapping[str, Any]]],
    lang: str,
    stop: threading.Event | None = None,
) -> int:
    """The overview page (``/?region=<code>``) of every region of the selector rendered into
    the page cache, until ``stop`` is set; returns how many. On the way its indicator
    results land in ``state.results`` (the first, through ``region_batch``, computes each
    for all regions at once)."""
    db = RequestDb(state.warehouse)
    try:
        first = state.default_region
        done = 0
        for code in [first, *(c for c in state.batch_regions if c != first)]:
            if stop is not None and stop.is_set():
                break
            request = warm_request(app, "/", urlencode({"region": code}))
            ctx = Ctx(request, state, state.catalog, lang, db, state.results)
            warm_page(ctx, functools.partial(page, ctx, code))
            done += 1
        return done
    finally:
        db.close()


def start_warming(
    app: Any,
    state: WebState,
    overview_page: Callable[[Ctx, str], tuple[str, Mapping[str, Any]]],
    bundles: Iterable[Bundle],
    then: Callable[[], object] | None = None,
) -> tuple[threading.Thread, Warming]:
    """Warm the caches in a daemon thread; ``then`` runs after it in the same thread (and
    should wait for what it starts, so that ``stop_warming`` waits for it too)."""
    status = Warming()

    def warm() -> None:
        t0 = time.perf_counter()
        try:
            lang = normalise_language(state.settings.language) or DEFAULT_LANGUAGE
            status.regions = overview_for_all(app, state, overview_page, lang, status.stop)
            for bundle in {id(b): b for b in bundles}.values():
                if not bundle.partial:
                    bundle.gzipped()
        except Exception as exc:  # noqa: BLE001 - a warm-up never stops the server
            status.error = str(exc)
            log.warning("warming the caches failed: %s", exc)
        finally:
            status.seconds = time.perf_counter() - t0
            status.done.set()
        # uvicorn's logger: ``kansrijk serve`` prints it
        logging.getLogger("uvicorn.error").info(
            "kansrijk: warmed the overview of %d regions in %.1f s", status.regions, status.seconds
        )
        if then is not None and not status.stop.is_set():
            t1 = time.perf_counter()
            then()
            logging.getLogger("uvicorn.error").info(
                "kansrijk: warming done (then %.1f s more)", time.perf_counter() - t1
            )

    thread = threading.Thread(target=warm, name="kansrijk-warm", daemon=True)
    status.thread = thread
    thread.start()
    return thread, status


def stop_warming(status: Warming | None, timeout: float = 60.0) -> None:
    """At shutdown: stop after the current step and wait for it (the warehouse closes next)."""
    if status is not None and status.thread is not None:
        status.stop.set()
        status.thread.join(timeout)
