"""Concurrent first requests: the planner estimates its models once per warehouse and year,
however many threads ask at the same time (single flight per key), and every thread gets the
same estimate. Parsed parameter files are shared, re-read only when the file changes."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tests.scenarios.conftest import DEMO_YEAR

from kansrijk.model.flow import FlowRates
from kansrijk.scenarios import national, uptake
from kansrijk.scenarios.national import clear_cache, national_data
from kansrijk.scenarios.uptake import clear_uptake_cache, uptake_model
from kansrijk.warehouse import Warehouse

THREADS = 8


def _in_threads(path: Path, work: Any) -> list[Any]:
    """``work(wh)`` in THREADS threads at once, each on its own read-only connection."""
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def one(i: int) -> None:
        try:
            with Warehouse(path, read_only=True) as wh:
                start.wait()
                results[i] = work(wh)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    return results


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Wrap ``module.name`` so that calls are counted and each takes at least 50 ms (so the
    threads really overlap)."""
    calls: list[int] = []
    real = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(0.05)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return calls


def test_concurrent_first_requests_estimate_the_choice_models_once(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_cache()
    calls = _counting(monkeypatch, national, "_build")
    results = _in_threads(demo_path, lambda wh: national_data(wh, DEMO_YEAR))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    # another year is another key: estimated once more, the first stays cached
    with Warehouse(demo_path, read_only=True) as wh:
        national_data(wh, DEMO_YEAR - 1)
        assert national_data(wh, DEMO_YEAR) is results[0]
    assert len(calls) == 2
    clear_cache()


def test_concurrent_first_requests_estimate_the_uptake_model_once(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_uptake_cache()
    calls = _counting(monkeypatch, uptake, "_estimate")
    results = _in_threads(demo_path, uptake_model)
    assert len(calls) == 1
    assert results[0] is not None
    assert all(r is results[0] for r in results)
    clear_uptake_cache()


def test_a_failed_estimation_is_not_cached(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_cache()
    real = national._build
    fail = [True]

    def flaky(*args: Any) -> Any:
        if fail[0]:
            fail[0] = False
            raise RuntimeError("interrupted")
        return real(*args)

    monkeypatch.setattr(national, "_build", flaky)
    with Warehouse(demo_path, read_only=True) as wh:
        with pytest.raises(RuntimeError, match="interrupted"):
            national_data(wh, DEMO_YEAR)
        assert national_data(wh, DEMO_YEAR).year == DEMO_YEAR
    clear_cache()


def test_flow_rates_are_parsed_once_per_file_version(tmp_path: Path) -> None:
    assert FlowRates.load() is FlowRates.load()
    packaged = Path(str(national.__file__)).parents[1] / "model" / "data" / "flow_rates.yaml"
    own = tmp_path / "rates.yaml"
    own.write_text(packaged.read_text(encoding="utf-8"), encoding="utf-8")
    first = FlowRates.load(own)
    assert FlowRates.load(str(own)) is first
    text = own.read_text(encoding="utf-8").replace("per_km: -0.003", "per_km: -0.004")
    assert text != own.read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    st = own.stat()
    os.utime(own, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = FlowRates.load(own)
    assert second is not first
    assert second.per_km == -0.004
    assert first.per_km == -0.003
