"""kill -9 during a load of all shared data leaves the store all-old or all-new.

Reading never writes: the store can only be damaged while the load transaction runs. So
all shared data (duo, cbs, geo and the older DUO years and the second kerncijfers year)
are read once, the read results handed to a child process that loads them into a copy
of an "old" warehouse (the fixtures), and the child is killed with SIGKILL at a random
moment of its load (20 tries, moments drawn over the measured load time, including the
commit). After each kill the store is opened again (DuckDB replays or drops its WAL) and
every table's rows must be exactly the old ones or exactly the new ones.
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, ROOT, SHARED_DATA, real_files, require_real_data
from tests.damaged.corpus import checksums

from kansrijk.warehouse import Warehouse, ingest, read_files

TRIES = 20
#: When the load ran is no part of what was loaded.
IGNORE = frozenset({"loaded_at"})
CHILD = """
import pickle, sys
from pathlib import Path
from kansrijk.warehouse.store import Warehouse
with open(sys.argv[2], "rb") as fh:
    results = pickle.load(fh)
with Warehouse(Path(sys.argv[1])) as wh:
    print("LOADING", flush=True)
    wh.load(results, replace_smaller=True)
print("DONE", flush=True)
"""


def all_shared_files() -> list[Path]:
    """duo, cbs, geo plus the older DUO files and the 2023 kerncijfers."""
    extra = sorted((SHARED_DATA / "duo-earlier").glob("*.csv"))
    extra += sorted((SHARED_DATA / "cbs-extra").glob("*.xlsx"))
    return [*real_files(), *extra]


def _child(warehouse: Path, results: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(warehouse), str(results)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.realdata
@pytest.mark.slow
def test_kill_9_during_load_leaves_old_or_new(tmp_path: Path) -> None:
    require_real_data()
    old = tmp_path / "old.duckdb"
    with Warehouse(old) as wh:
        ingest(
            wh,
            [
                FIXTURES / "cbs" / "gebieden-in-nederland-fictief-2024.csv",
                FIXTURES / "duo" / "enrollment-fictief-2019.csv",
                FIXTURES / "duo" / "locations-fictief-2019.csv",
                FIXTURES / "geo" / "gemeenten-fictief-2023.geojson",
            ],
        )
        results = read_files(wh, all_shared_files())
    pickled = tmp_path / "results.pickle"
    with pickled.open("wb") as fh:
        pickle.dump(results, fh)
    old_sums = checksums(old, IGNORE)

    new = tmp_path / "new.duckdb"
    shutil.copy(old, new)
    child = _child(new, pickled)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "LOADING", child.communicate()
    started = time.monotonic()
    out, err = child.communicate(timeout=300)
    load_time = time.monotonic() - started
    assert child.returncode == 0 and "DONE" in out, err
    new_sums = checksums(new, IGNORE)
    assert new_sums != old_sums

    rng = random.Random(9)
    seen = {"old": 0, "new": 0}
    for attempt in range(TRIES):
        target = tmp_path / f"try-{attempt}.duckdb"
        shutil.copy(old, target)
        child = _child(target, pickled)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "LOADING"
        time.sleep(rng.uniform(0, load_time * 1.1))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        now = checksums(target, IGNORE)
        assert now in (old_sums, new_sums), f"try {attempt}: a partial store"
        seen["old" if now == old_sums else "new"] += 1
        target.unlink()
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
    assert seen["old"] > 0  # the kills did land inside the load
    print(f"kill -9 during a {load_time:.1f} s load: {seen} (all-old / all-new)")
