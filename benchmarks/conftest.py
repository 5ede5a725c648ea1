"""Benchmarks run on the real data beside the project and skip without them."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ENROLLMENT_2019 = SHARED_DATA / "duo" / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"


#: As tests/conftest.py: every folder Kansrijk loads (not geo-extra, duo-po, statline-samples).
REAL_FOLDERS = ("duo", "duo-earlier", "cbs", "cbs-extra", "geo")


def real_files() -> list[Path]:
    """Every file Kansrijk loads from ../shared/data."""
    if not ENROLLMENT_2019.exists():
        pytest.skip(f"real data not found at {SHARED_DATA}")
    return sorted(p for sub in REAL_FOLDERS for p in (SHARED_DATA / sub).glob("*") if p.is_file())
