"""Flyers: the content of a primary school's flyer (HTML), PDFs that render, the batch
command (one PDF per primary school of a gemeente) and its errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.finder import Finder
from kansrijk.finder.flyer import (
    flyer_html,
    flyer_pdf,
    gemeente_flyer,
    origin_flyer,
    school_flyer,
)
from kansrijk.finder.postcode import parse_postcode
from kansrijk.finder.primary import find_primary_school, primary_schools
from kansrijk.warehouse import Warehouse


def test_school_flyer_lists_schools_with_and_without(demo_finder: Finder, demo_path: Path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        school = find_primary_school(wh, "Regenboog (Havenstad")
        homes = wh.query(
            "SELECT pupil_pc4, sum(coalesce(count, 0)) + count(*) FILTER (WHERE masked) n "
            "FROM po_pupils WHERE school_code = ? GROUP BY 1 ORDER BY n DESC, 1",
            [school.code],
        )
    assert school.code == "ZP0000"
    flyer = school_flyer(demo_finder, school)
    total = sum(int(n) for _, n in homes)
    assert [pc for pc, _ in flyer.homes] == [pc for pc, n in homes if n / total >= 0.05]
    html = flyer_html(flyer, "nl")
    assert "Vmbo-scholen bij de woningen van de leerlingen van" in html
    assert "Scholen met een technisch profiel" in html
    assert "Scholen zonder technisch profiel" in html
    assert "Fictieve demoregio" not in html  # demo flag off unless asked
    assert "Fictief Vakcollege Havenstad-Zuid" in html
    ar = flyer_html(school_flyer(demo_finder, school, demo=True), "ar")
    assert '<html lang="ar" dir="rtl">' in ar
    assert "منطقة تجريبية خيالية" in ar
    assert "لم يراجع هذه الترجمة" in ar  # the review note


def test_pdf_renders_every_language(demo_finder: Finder) -> None:
    flyer = gemeente_flyer(demo_finder, "GM9901")
    pdf = flyer_pdf([(flyer, lang) for lang in ("nl", "ar", "pl")])
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 20_000


def test_batch_makes_one_pdf_per_primary_school(demo_path: Path, tmp_path: Path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        expected = {
            str(r[0])
            for r in wh.query(
                "SELECT DISTINCT school_code FROM po_pupils WHERE gemeente_code = ?", ["GM9902"]
            )
        }
        assert {s.code for s in primary_schools(wh, gemeente="GM9902")} == expected
    result = CliRunner().invoke(
        app,
        [
            "flyers",
            "--gemeente",
            "GM9902",
            "--lang",
            "nl,tr,ar",
            "--out",
            str(tmp_path),
            "--warehouse",
            str(demo_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["written"][0]["pdfs"] == len(expected) == 3
    with zipfile.ZipFile(tmp_path / "flyers-GM9902-nl-tr-ar.zip") as zf:
        names = zf.namelist()
        assert {n[:6] for n in names} == expected
        assert all(zf.read(n).startswith(b"%PDF") for n in names)


def test_cli_errors_exit_2(demo_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["flyers", "--out", str(tmp_path), "--warehouse", str(demo_path)]
    bad_lang = runner.invoke(app, [*base, "--pc4", "0102", "--lang", "nl,xx"])
    assert bad_lang.exit_code == 2
    assert "--lang: expected languages from nl, en, tr, ar, pl" in bad_lang.output
    none = runner.invoke(app, [*base, "--school", "Atlantis"])
    assert none.exit_code == 2
    assert "no primary school with code or name 'Atlantis'" in none.output
    two = runner.invoke(app, [*base, "--gemeente", "GM9901", "--pc4", "0102"])
    assert two.exit_code == 2
    assert "exactly one of --gemeente, --school or --pc4" in two.output
    one = runner.invoke(app, [*base, "--pc4", "0102 AB", "--lang", "pl"])
    assert one.exit_code == 0, one.output
    assert (tmp_path / "flyer-pc4-0102-pl.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.realdata
def test_real_flyer_keeps_mavo_only_schools_apart(real_finder: Finder) -> None:
    """The flyer for 3083 within 10 km: the 22 schools with BB, KB or GL but no technical
    profile in the "without" list (8 shown and 14 more), the 24 mavo-only (TL) ones named
    apart, and addresses as on a letter (not DUO's capitals)."""
    origin = real_finder.postcode_origin(parse_postcode("3083"))  # type: ignore[arg-type]
    flyer = origin_flyer(real_finder, origin, km=10)
    html = flyer_html(flyer, "nl")
    assert "Niet in deze lijsten: 24 scholen met alleen mavo (TL)" in html
    assert "En nog 14 scholen zonder technisch profiel" in html
    assert "ROTTERDAM" not in html and " Rotterdam</span>" in html
    tl_names = [f.location.name for f in flyer.found if f.location.tl_only]
    none_part = html[html.index('<section class="none">') : html.index("Niet in deze lijsten")]
    assert len(tl_names) == 24 and not any(n in none_part for n in tl_names)
