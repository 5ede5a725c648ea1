"""The LRU with single flight used for results and responses."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kansrijk.web.cache import LruCache


def test_lru_evicts_least_recently_used() -> None:
    cache: LruCache[int] = LruCache(2)
    cache.get_or_make("a", lambda: 1)
    cache.get_or_make("b", lambda: 2)
    assert cache.get("a") == 1  # a is now the most recent
    cache.get_or_make("c", lambda: 3)
    assert cache.get("b") is None
    assert cache.get("a") == 1
    assert len(cache) == 2


def test_lru_by_weight() -> None:
    cache: LruCache[str] = LruCache(100, max_weight=10, weigh=len)
    cache.get_or_make(1, lambda: "x" * 6)
    cache.get_or_make(2, lambda: "y" * 6)
    assert cache.get(1) is None
    assert cache.get(2) == "yyyyyy"
    cache.clear()
    assert len(cache) == 0


def test_single_flight_and_errors_not_cached() -> None:
    cache: LruCache[int] = LruCache(10)
    calls = 0
    lock = threading.Lock()

    def slow() -> int:
        nonlocal calls
        with lock:
            calls += 1
        time.sleep(0.05)
        return 42

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda _: cache.get_or_make("k", slow), range(16))) == [42] * 16
    assert calls == 1

    def boom() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        cache.get_or_make("e", boom)
    assert cache.get("e") is None
    assert cache.get_or_make("e", lambda: 7) == 7
