"""Shared fixtures: paths to the real data beside the project, and a warehouse with all of
it ingested (session-scoped; skipped with a reason when ../shared/data is absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.warehouse import Warehouse, ingest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "data"
ENROLLMENT_2019 = SHARED_DATA / "duo" / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"


#: The folders of ../shared/data that Kansrijk loads. Not loaded: geo-extra (PC4 polygons of
#: unclear provenance, for map styling only) and cbs-extra/statline-samples (regional StatLine
#: extracts, no reader yet). duo-po is loaded as one folder (one file per gemeente).
REAL_FOLDERS = ("duo", "duo-earlier", "cbs", "cbs-extra", "geo")


def real_files() -> list[Path]:
    """Every file Kansrijk loads from ../shared/data (see REAL_FOLDERS), and the duo-po folder."""
    files = sorted(p for sub in REAL_FOLDERS for p in (SHARED_DATA / sub).glob("*") if p.is_file())
    return files + sorted(p for p in (SHARED_DATA / "duo-po").glob("*") if p.is_dir())


def require_real_data() -> None:
    """Skip the calling test when the real data are not beside the project."""
    if not ENROLLMENT_2019.exists():
        pytest.skip(f"real data not found at {SHARED_DATA} (../shared/data beside the project)")


@pytest.fixture(scope="session")
def real_warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file with all of ../shared/data ingested once per test session."""
    require_real_data()
    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    with Warehouse(path) as wh:
        ingest(wh, real_files())
    return path


@pytest.fixture
def real_wh(real_warehouse_path: Path) -> Iterator[Warehouse]:
    """The real warehouse, opened read-only."""
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        yield wh
