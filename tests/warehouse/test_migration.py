"""A warehouse of an older schema version gains the columns it lacks when opened writable."""

from __future__ import annotations

from pathlib import Path

from kansrijk.warehouse import SCHEMA_VERSION, Warehouse


def test_version_1_warehouse_gains_new_enrollment_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Warehouse(path) as wh:
        for col in ("province", "afdeling", "profile_mapped", "old_category"):
            wh.con.execute(f'ALTER TABLE vo_enrollment DROP COLUMN "{col}"')
        wh.con.execute(
            "INSERT INTO vo_enrollment (dataset, year, loc_code, education_type, grade, lwoo, "
            "lwt, ent, sex, count, masked) VALUES ('duo_vo_enrollment', 2019, '99XA00', "
            "'VMBO BL lj 3-4', 3, false, false, false, 'm', 7, false)"
        )
        wh.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Warehouse(path) as wh:
        assert wh.query("SELECT value FROM meta WHERE key = 'schema_version'") == [
            (str(SCHEMA_VERSION),)
        ]
        assert wh.query(
            "SELECT province, afdeling, profile_mapped, old_category, count FROM vo_enrollment"
        ) == [(None, None, False, None, 7)]


def _make_version_1(path: Path) -> None:
    with Warehouse(path) as wh:
        wh.con.execute('ALTER TABLE vo_enrollment DROP COLUMN "province"')
        wh.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_an_older_warehouse_opened_read_only_is_migrated_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _make_version_1(path)
    with Warehouse(path, read_only=True) as wh:
        assert wh.read_only
        assert wh.query("SELECT value FROM meta WHERE key = 'schema_version'") == [
            (str(SCHEMA_VERSION),)
        ]
        assert "province" in {
            str(c) for (c,) in wh.query("SELECT column_name FROM (DESCRIBE vo_enrollment)")
        }


def test_status_migrates_an_older_warehouse(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kansrijk.cli import app

    path = tmp_path / "old.duckdb"
    _make_version_1(path)
    result = CliRunner().invoke(app, ["status", "--warehouse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with Warehouse(path, read_only=True) as wh:
        assert wh.query("SELECT value FROM meta WHERE key = 'schema_version'") == [
            (str(SCHEMA_VERSION),)
        ]
