"""Scenario runs in worker processes (``kansrijk serve``; setting ``scenario_processes``).

A run is numpy and Python work of up to about a second; in a thread of the server process
it holds the GIL, which the event loop then waits for on every request it serves. In a
worker process it uses the machine's other core and leaves the server's alone. Each worker
(started with ``spawn``: the server has threads, which ``fork`` does not copy) opens the
warehouse read-only once and builds the same region catalogue as the app; a run crosses the
process boundary as the pickled ``Scenario`` and ``ScenarioResult``.

The number of runs at a time and the waits stay with :class:`~kansrijk.web.limits.RunGate`:
its worker threads hand their run to this pool (of as many processes) and wait.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from kansrijk.demo import regions_for
from kansrijk.scenarios import ScenarioResult, run
from kansrijk.scenarios.scenario import Scenario
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, region_catalog

_WORKER: dict[str, Any] = {}


def _init(warehouse: str, regions_file: str | None) -> None:
    wh = Warehouse(Path(warehouse), read_only=True)
    wh.open()
    _WORKER["wh"] = wh
    _WORKER["catalog"] = region_catalog(
        wh, regions_for(wh, Path(regions_file) if regions_file else None)
    )


def _run(scenario: Scenario, draws: int, seed: int) -> ScenarioResult:
    return run(scenario, _WORKER["wh"], _WORKER["catalog"], draws=draws, seed=seed)


class ProcessRunner:
    """A pool of ``workers`` processes running scenarios on the settings' warehouse."""

    def __init__(self, settings: Settings, workers: int) -> None:
        regions = str(settings.regions_file) if settings.regions_file else None
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(str(settings.warehouse), regions),
        )

    def run(self, scenario: Scenario, draws: int, seed: int) -> ScenarioResult:
        """The result of ``kansrijk.scenarios.run`` in a worker (blocks until it is done).

        Raises:
            whatever the run raises (``ScenarioError``, ...), re-raised here.
        """
        return self._pool.submit(_run, scenario, draws, seed).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
