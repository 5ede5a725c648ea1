"""The web app's caches: the warehouse is read-only while serving, so a computed page or
result stays valid for the life of the app. The LRU with single flight lives in
:mod:`kansrijk.memo` (the planner uses it too)."""

from __future__ import annotations

from kansrijk.memo import LruCache

__all__ = ["LruCache"]
