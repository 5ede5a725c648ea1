"""The store under a locked file, a full disk and a read-only file system: plain words,
exit code 2, nothing changed; and the replace guard."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FIXTURES
from tests.damaged.corpus import checksums
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.errors import WarehouseError
from kansrijk.warehouse import Warehouse, ingest
from kansrijk.warehouse.guard import ShrinkingReplaceError

runner = CliRunner()
ENROLLMENT = FIXTURES / "duo" / "enrollment-fictief-2019.csv"
EXAMS = FIXTURES / "duo" / "examenkandidaten-per-opleiding-fictief-2019-2021.csv"
GEMEENTEN = FIXTURES / "geo" / "gemeenten-fictief-2023.geojson"
GEBIEDEN = FIXTURES / "cbs" / "gebieden-in-nederland-fictief-2024.csv"


def _ingest(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, " ".join(result.output.split())


def test_locked_store_says_so(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    with Warehouse(wh) as w:
        ingest(w, [ENROLLMENT])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                "print('ok', flush=True); time.sleep(60)"
            ),
            str(wh),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        code, out = _ingest(str(EXAMS), "--warehouse", str(wh))
        assert code == 2
        assert f"{wh}: the warehouse is in use by another process (process {holder.pid})" in out
        assert "Nothing was changed" in out
    finally:
        holder.kill()
        holder.communicate()


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root and permission to mount; skipped otherwise)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_and_read_only_say_so(tiny_fs: Path, tmp_path: Path) -> None:
    wh = tiny_fs / "w.duckdb"
    code, out = _ingest(str(ENROLLMENT), "--warehouse", str(wh))
    assert code == 0, out
    before = tmp_path / "before.duckdb"
    shutil.copy(wh, before)
    filler = tiny_fs / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as fh:
        while True:  # until the disk is full
            fh.write(b"\0" * 4096)
            fh.flush()
    code, out = _ingest(
        str(FIXTURES / "geo" / "gemeenten-fictief-2022-rd.geojson"),
        str(GEBIEDEN),
        "--warehouse",
        str(wh),
    )
    assert code == 2
    assert f"{wh}: the disk is full; free some space and try again. Nothing was changed" in out
    assert "cannot rollback" not in out and "Traceback" not in out
    filler.unlink()
    assert checksums(wh) == checksums(before)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], check=True)
    code, out = _ingest(str(EXAMS), "--warehouse", str(wh))
    assert code == 2
    assert f"{wh}: cannot write the warehouse (read-only file or folder" in out
    code, out = _ingest(str(EXAMS), "--warehouse", str(tiny_fs / "new.duckdb"))
    assert code == 2 and "read-only" in out


def test_warehouse_path_is_a_directory(tmp_path: Path) -> None:
    code, out = _ingest(str(ENROLLMENT), "--warehouse", str(tmp_path))
    assert code == 2
    assert "is not a file; expected a DuckDB warehouse file" in out


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    bad = tmp_path / "w.duckdb"
    bad.write_text("not a database\n")
    code, out = _ingest(str(ENROLLMENT), "--warehouse", str(bad))
    assert code == 2 and "w.duckdb" in out and "Traceback" not in out


# -- the replace guard, through the Python API -------------------------------------------


def _rows(wh: Warehouse, dataset: str) -> int:
    return int(wh.query("SELECT sum(rows) FROM provenance WHERE dataset = ?", [dataset])[0][0])


def test_header_only_exam_file_never_replaces(tmp_path: Path) -> None:
    header_only = tmp_path / EXAMS.name
    header_only.write_bytes(EXAMS.read_bytes().split(b"\r\n", 1)[0] + b"\r\n")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest(wh, [EXAMS])
        before = _rows(wh, "duo_vo_exam_candidates")
        with pytest.raises(Exception, match="no data rows") as err:
            ingest(wh, [header_only], replace_smaller=True)  # refused anyway
        assert not isinstance(err.value, WarehouseError)
        assert _rows(wh, "duo_vo_exam_candidates") == before


def test_fewer_rows_refused_unless_replace_smaller(tmp_path: Path) -> None:
    src = EXAMS.read_bytes().split(b"\r\n")
    short = tmp_path / EXAMS.name
    short.write_bytes(b"\r\n".join(src[:2]) + b"\r\n")  # header + 1 of 4 rows
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest(wh, [EXAMS])
        before = _rows(wh, "duo_vo_exam_candidates")
        with pytest.raises(ShrinkingReplaceError) as err:
            ingest(wh, [short])
        msg = str(err.value)
        assert msg.startswith(f"{short}: would replace 2 loaded years of duo_vo_exam_candidates")
        assert f"({2019}, {2020}; {before:,} rows)" in msg
        assert "--replace-smaller" in msg
        assert _rows(wh, "duo_vo_exam_candidates") == before
        out = ingest(wh, [short], replace_smaller=True)
        assert out[0].status == "replaced"
        assert _rows(wh, "duo_vo_exam_candidates") < before


def test_min_share_setting(tmp_path: Path) -> None:
    src = EXAMS.read_bytes().split(b"\r\n")
    short = tmp_path / EXAMS.name
    short.write_bytes(b"\r\n".join(src[:-2]) + b"\r\n")  # one row fewer
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest(wh, [EXAMS])
        with pytest.raises(ShrinkingReplaceError):
            ingest(wh, [short], min_share=0.9)
        assert ingest(wh, [short], min_share=0.0)[0].status == "replaced"


def test_gemeente_set_may_not_shrink(tmp_path: Path) -> None:
    import json

    doc = json.loads(GEMEENTEN.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][1:]
    partial = tmp_path / GEMEENTEN.name
    partial.write_text(json.dumps(doc), encoding="utf-8")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest(wh, [GEMEENTEN])
        with pytest.raises(ShrinkingReplaceError, match="losing 1 gemeenten \\(GM9901\\)"):
            ingest(wh, [partial], min_share=0.0)
        assert wh.query("SELECT count(*) FROM geometry")[0][0] == 2


def test_cli_year_out_of_range(tmp_path: Path) -> None:
    for year in ("-1", "0", "99999999999"):
        code, out = _ingest(
            str(ENROLLMENT), "--year", year, "--warehouse", str(tmp_path / "w.duckdb")
        )
        assert code == 2
        assert f"--year {year} is not plausible; expected a year from 1950 to 2100" in out
