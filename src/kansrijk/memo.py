"""An in-process LRU cache with single flight, for results that stay valid as long as their key
(e.g. a warehouse's content fingerprint): the web app's pages, the planner's estimations.

Single flight: when many threads ask for the same missing key at once, one computes it and the
others wait for that result, so 50 concurrent first requests estimate a model once, not 50
times."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    """Thread-safe LRU of at most ``maxsize`` values (and, with ``weigh``, at most
    ``max_weight`` in total, e.g. characters of rendered pages).

    ``get_or_make(key, make)`` runs ``make`` once per key even when many threads ask for the
    same missing key at the same time (the others wait for the first); errors are not cached.
    """

    def __init__(
        self,
        maxsize: int = 1024,
        *,
        max_weight: int | None = None,
        weigh: Callable[[V], int] | None = None,
    ) -> None:
        self.maxsize = maxsize
        self.max_weight = max_weight
        self._weigh = weigh
        self._weight = 0
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def _get(self, key: Hashable) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return True, self._data[key]
            return False, None

    def get(self, key: Hashable) -> V | None:
        """The cached value, or None; never waits for a value being made."""
        return self._get(key)[1]

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The cached value of ``key``, made (once) when absent."""
        found, val = self._get(key)
        if found:
            return val  # type: ignore[return-value]
        with self._lock:
            gate = self._inflight.setdefault(key, threading.Lock())
        with gate:
            found, val = self._get(key)
            if found:
                return val  # type: ignore[return-value]
            try:
                made = make()
                with self._lock:
                    self.misses += 1
                    self._data[key] = made
                    self._weight += self._weigh(made) if self._weigh else 0
                    while len(self._data) > self.maxsize or (
                        self.max_weight is not None
                        and self._weight > self.max_weight
                        and len(self._data) > 1
                    ):
                        _, old = self._data.popitem(last=False)
                        self._weight -= self._weigh(old) if self._weigh else 0
            finally:
                with self._lock:
                    self._inflight.pop(key, None)
        return made

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._data.clear()
            self._weight = 0
