"""``kansrijk indicator``: the plain-text table and ``--level`` (every region of a level)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.cli.plain_table import format_table

DUO = Path(__file__).parents[1] / "data" / "duo"
runner = CliRunner()


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-table") / "w.duckdb"
    files = [DUO / "enrollment-fictief-2019.csv", DUO / "locations-fictief-2019.csv"]
    out = runner.invoke(app, ["ingest", *map(str, files), "--warehouse", str(path)])
    assert out.exit_code == 0, out.output
    return path


def test_format_table_aligns_columns() -> None:
    text = format_table(
        ["region", "value"], [["GM0599", "NL00"], ["1.50%", "17.96%"]], [False, True], "t"
    )
    assert text.splitlines() == [
        "t",
        "region   value",
        "------  ------",
        "GM0599   1.50%",
        "NL00    17.96%",
    ]


def test_level_gemeente_lists_every_gemeente_with_data(wh: Path) -> None:
    # 99XA00 lies in GM0501 Brielle (now GM1992 Voorne aan Zee), 99XA01 in GM0599: by hand,
    # 23 of 57 pupils in PIE at 99XA00, none of 38 in a technical profile at 99XA01
    out = runner.invoke(
        app,
        ["indicator", "vmbo.tech_choice_share", "--level", "gemeente", "--warehouse", str(wh)],
    )
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[1].split() == ["region", "year", "computed", "numerator", "denominator"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:] if line.startswith("GM")}
    assert rows["GM1992"] == ["2019", "40.35%", "23", "57"]
    assert rows["GM0599"] == ["2019", "0.00%", "0", "38"]
    assert "NL00" not in out.output.split()  # --level alone replaces the default NL00


def test_level_with_region_and_a_bad_level(wh: Path) -> None:
    out = runner.invoke(
        app,
        [
            "indicator", "vmbo.tech_choice_share", "--level", "gemeente", "--region", "NL00",
            "--json", "--warehouse", str(wh),
        ],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert '"NL00"' in out.output
    assert '"GM0599"' in out.output
    bad = runner.invoke(
        app, ["indicator", "vmbo.tech_choice_share", "--level", "wijk", "--warehouse", str(wh)]
    )
    assert bad.exit_code == 2
    assert "--level: expected one of" in bad.output
    assert "Traceback" not in bad.output
