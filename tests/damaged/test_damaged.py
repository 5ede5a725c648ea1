"""``kansrijk ingest`` on a corpus of damaged files (issue 14).

The corpus (``corpus.py``) is generated at test time from the good fixtures of every
dataset in ``tests/data`` (plus a generated kerncijfers workbook), and -- in the
``realdata`` variant -- from the real files in ``../shared/data``. Each damaged file is
ingested with the CLI into a warehouse already holding the good data. A refused file
must end with exit code 2, a message naming the file (and the line, where one applies),
no traceback, and every table of the store unchanged (row counts and row hashes).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.conftest import FIXTURES, SHARED_DATA, require_real_data
from tests.damaged.corpus import (
    Case,
    Source,
    argument_cases,
    checksums,
    csv_cases,
    geojson_cases,
    xlsx_cases,
)
from tests.sources.test_cbs_pc4_figures import DATA, make_xlsx
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.sources.duo_vo_locations import ALSO_READ as LOC_ALSO_READ
from kansrijk.sources.duo_vo_locations import REQUIRED as LOC_REQUIRED

DUO, CBS, GEO = FIXTURES / "duo", FIXTURES / "cbs", FIXTURES / "geo"
_ENROLLMENT_COUNTS = (
    "LEER- OF VERBLIJFSJAAR 3 - MAN",
    "LEER- OF VERBLIJFSJAAR 1 - VROUW",
    "LEER- OF VERBLIJFSJAAR 6 - VROUW",
)
_GEBIEDEN_READ = {"CODE_1", "NAAM_2", "CODE_4", "NAAM_5", "CODE_8", "NAAM_9", "CODE_26"}
_GEBIEDEN_READ |= {"NAAM_27", "INWONERTAL_54"}


def _exam_unread(path: Path, encoding: str) -> frozenset[str]:
    header = path.read_bytes().decode(encoding).lstrip("\ufeff").splitlines()[0]
    cols = [c.strip('"') for c in header.split(";")]
    return frozenset(
        c
        for c in cols
        if c.startswith("SLAAGPERC") or c in {"INSPECTIECODE", "BRIN NUMMER", "OPMERKING"}
    ) | {"INSTELLINGSCODE"}


def fixture_sources() -> list[Source]:
    """A small good file of every dataset."""
    old_exams = DUO / "examenkandidaten-fictief-2014-2016.csv"
    new_exams = DUO / "examenkandidaten-per-opleiding-fictief-2019-2021.csv"
    gebieden = CBS / "gebieden-in-nederland-fictief-2024.csv"
    header = gebieden.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    return [
        Source(
            "enrollment",
            DUO / "enrollment-fictief-2019.csv",
            "csv",
            numbers=_ENROLLMENT_COUNTS,
            unread=frozenset({"PROVINCIE VESTIGING"}),
            encoding="latin-1",
        ),
        Source(
            "locations",
            DUO / "locations-fictief-2019.csv",
            "csv",
            numbers=("GEMEENTENUMMER",),
            unread=frozenset({"COROPGEBIED NAAM"}),
            encoding="latin-1",
        ),
        Source(
            "exam-candidates-2014",
            old_exams,
            "csv",
            numbers=(
                "EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - MAN",
                "GESLAAGDEN SCHOOLJAAR 2015-2016 - TOTAAL",
            ),
            unread=_exam_unread(old_exams, "latin-1"),
            encoding="latin-1",
        ),
        Source(
            "exam-candidates-2019",
            new_exams,
            "csv",
            numbers=(
                "EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - TOTAAL",
                "GESLAAGDEN SCHOOLJAAR 2020-2021 - VROUW",
            ),
            unread=_exam_unread(new_exams, "utf-8"),
        ),
        Source(
            "exam-results",
            DUO / "geslaagden-gezakten-en-cijfers-fictief-2018-2019.csv",
            "csv",
            numbers=("EXAMENKANDIDATEN", "GEMIDDELD CIJFER CIJFERLIJST", "GEZAKTEN"),
            unread=frozenset({"BRIN NUMMER", "GEMEENTENAAM VESTIGING", "PROVINCIE VESTIGING"}),
            encoding="latin-1",
        ),
        Source(
            "gebieden",
            gebieden,
            "csv",
            numbers=("INWONERTAL_54",),
            unread=frozenset(h.strip().upper() for h in header) - _GEBIEDEN_READ,
        ),
        Source(
            "population-pc4",
            CBS / "inwoners-per-pc-leeftijd-fictief-2021.csv",
            "csv",
            numbers=("INWONERS", "INWONERS_MAN"),
            target_row=12,
        ),
        Source(
            "pc4-gemeente",
            CBS / "postcodes-pc-gemeente-fictief-2021.csv",
            "csv",
            numbers=("POSTCODE",),
            unread=frozenset({"INWONERS", "INWONERS_MAN", "INWONERS_VROUW", "NUTS3", "GGDREGIO"}),
            target_row=3,
        ),
        Source(
            "pc4-centroids",
            GEO / "pc4-centroids-fictief-rd.csv",
            "csv",
            numbers=("X_RD", "INWONERS", "Y_RD"),
        ),
        Source("gemeenten-degrees", GEO / "gemeenten-fictief-2023.geojson", "geojson"),
        Source("gemeenten-rd", GEO / "gemeenten-fictief-2022-rd.geojson", "geojson"),
    ]


def build_cases(
    sources: list[Source],
    folder: Path,
    *,
    full: bool,
    kerncijfers: Path,
    kerncijfers_rows: int | None,
) -> list[Case]:
    cases: list[Case] = []
    for s in sources:
        if s.kind == "csv":
            cases += csv_cases(s, folder, full=full)
        elif s.kind == "geojson":
            cases += geojson_cases(s, folder, full=full)
    xlsx = Source("kerncijfers", kerncijfers, "xlsx")
    if full:
        cases += xlsx_cases(xlsx, folder, make_xlsx, DATA, rows=kerncijfers_rows)
    else:
        cases += xlsx_cases(xlsx, folder, rows=kerncijfers_rows)
    cases += argument_cases(sources[0].path, "duo_vo_enrollment", folder)
    return cases


# -- running a case -----------------------------------------------------------------------

runner = CliRunner()


def run_case(case: Case, warehouse: Path, baseline: dict[str, tuple[Any, ...]]) -> str | None:
    """None when ``kansrijk ingest`` answered the case as it must, else what went wrong."""
    result = runner.invoke(
        app, ["ingest", str(case.path), *case.args, "--warehouse", str(warehouse)], env=case.env
    )
    out = " ".join(result.output.split())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"traceback: {type(result.exception).__name__}: {result.exception}"
    if "Traceback" in result.output:
        return "traceback text in the output"
    if case.expect == "accepted":
        if result.exit_code != 0:
            return f"refused (exit {result.exit_code}): {out[:300]}"
        return None
    if result.exit_code != 2:
        return f"exit {result.exit_code}, expected 2: {out[:300]}"
    named = case.must_name or case.path.name
    if named not in out:
        return f"message does not name {named!r}: {out[:300]}"
    if case.line is not None and f"line {case.line}" not in out:
        return f"message does not name line {case.line}: {out[:300]}"
    if not _unchanged(warehouse, baseline):
        return "the store changed"
    return None


def _unchanged(warehouse: Path, baseline: dict[str, tuple[Any, ...]]) -> bool:
    """Byte-for-byte the same file (fast), or else the same rows in every table."""
    wal = warehouse.with_name(warehouse.name + ".wal")
    if not wal.exists() and baseline.get("_file") == (_sha(warehouse),):
        return True
    now = checksums(warehouse)
    return dict(now.items()) == {k: v for k, v in baseline.items() if k != "_file"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_corpus(cases: list[Case], warehouse: Path) -> tuple[dict[str, int], list[str]]:
    """Run every case; after a case that changed the store, restore it from a copy so that
    one failure is reported once."""
    pristine = warehouse.with_suffix(".pristine")
    shutil.copy(warehouse, pristine)
    baseline = checksums(warehouse) | {"_file": (_sha(warehouse),)}
    per_class: dict[str, int] = {}
    failures = []
    for case in cases:
        per_class[case.cls] = per_class.get(case.cls, 0) + 1
        problem = run_case(case, warehouse, baseline)
        if case.expect == "accepted" and problem is None:
            problem = _check_accepted(case, warehouse, baseline)
        if problem:
            failures.append(f"{case.id} ({case.path}): {problem}")
        if case.expect == "accepted" or problem:
            shutil.copy(pristine, warehouse)
            wal = warehouse.with_name(warehouse.name + ".wal")
            wal.unlink(missing_ok=True)
    return per_class, failures


def _check_accepted(
    case: Case, warehouse: Path, baseline: dict[str, tuple[Any, ...]]
) -> str | None:
    """An accepted case (lying xlsx dimension) must load exactly the good data."""
    after = checksums(warehouse)
    changed = [t for t in after if t != "provenance" and after[t] != baseline.get(t)]
    if changed:
        return f"loaded different data than the good file (tables {changed})"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute(
            "SELECT sum(rows) FROM provenance WHERE dataset = 'cbs_kerncijfers_pc4'"
        ).fetchone()
    finally:
        con.close()
    if case.rows is not None and (row is None or row[0] != case.rows):
        return f"loaded {row} rows, expected {case.rows}"
    return None


def _summary(per_class: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(per_class.items()))


# -- the tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], Path]:
    root = tmp_path_factory.mktemp("damaged")
    good = root / "good"
    good.mkdir()
    kerncijfers = make_xlsx(good / "kerncijfers-pc4-2024.xlsx")
    sources = fixture_sources()
    warehouse = root / "good.duckdb"
    result = runner.invoke(
        app,
        [
            "ingest",
            *[str(s.path) for s in sources],
            str(kerncijfers),
            "--warehouse",
            str(warehouse),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = _kerncijfers_rows(warehouse)
    cases = build_cases(
        sources, root / "cases", full=True, kerncijfers=kerncijfers, kerncijfers_rows=rows
    )
    return cases, warehouse


def _kerncijfers_rows(warehouse: Path) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute(
            "SELECT sum(rows) FROM provenance WHERE dataset = 'cbs_kerncijfers_pc4'"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def test_corpus_covers_every_class(fixture_corpus: tuple[list[Case], Path]) -> None:
    cases, _ = fixture_corpus
    classes = {c.cls for c in cases}
    assert {
        "header-only",
        "duplicated-rows",
        "truncated-on-boundary",
        "truncated-mid-row",
        "dropped-column",
        "renamed-column",
        "invalid-bytes",
        "out-of-range",
        "lying-dimension",
        "partial",
        "oversized",
        "endless",
        "line-ends",
        "deep-nesting",
        "wrong-types",
        "corrupt-zip",
        "corrupt-xlsx",
        "zip-bomb",
        "bad-argument",
    } <= classes
    assert len(cases) > 300
    keys = {c.name.split("/")[0] for c in cases}
    assert {s.key for s in fixture_sources()} | {"kerncijfers"} <= keys


def sample(cases: list[Case]) -> list[Case]:
    """The first case of every class for every source (and every argument case)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cases:
        key = (c.name.split("/")[0], c.cls)
        if key not in seen or c.cls in {"bad-argument", "endless", "lying-dimension"}:
            seen.add(key)
            out.append(c)
    return out


def test_damaged_fixtures_are_refused(fixture_corpus: tuple[list[Case], Path]) -> None:
    """One case of each class per dataset (the whole corpus: the slow test below)."""
    cases, warehouse = fixture_corpus
    picked = sample(cases)
    assert len(picked) > 150
    per_class, failures = run_corpus(picked, warehouse)
    assert not failures, (
        f"{len(failures)} of {len(picked)} cases failed ({_summary(per_class)}):\n"
        + "\n".join(failures)
    )


@pytest.mark.slow
def test_whole_damaged_corpus_is_refused(fixture_corpus: tuple[list[Case], Path]) -> None:
    """Every case: every column dropped and renamed, every bad value (about 670 files)."""
    cases, warehouse = fixture_corpus
    per_class, failures = run_corpus(cases, warehouse)
    assert not failures, (
        f"{len(failures)} of {len(cases)} cases failed ({_summary(per_class)}):\n"
        + "\n".join(failures)
    )


def test_replace_smaller_loads_a_truncated_file_on_purpose(
    fixture_corpus: tuple[list[Case], Path], tmp_path: Path
) -> None:
    """The guard's way out: --replace-smaller loads the short file, and says what it did."""
    cases, warehouse = fixture_corpus
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse, copy)
    case = next(c for c in cases if c.cls == "truncated-on-boundary" and "enrollment" in c.name)
    result = runner.invoke(app, ["ingest", str(case.path), "--warehouse", str(copy)])
    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert "would replace 1 loaded year of duo_vo_enrollment (2019;" in flat
    assert "--replace-smaller" in flat
    result = runner.invoke(
        app, ["ingest", str(case.path), "--replace-smaller", "--warehouse", str(copy)]
    )
    assert result.exit_code == 0, result.output
    assert "replaced" in result.output


# -- the same classes from the real files ---------------------------------------------------


def real_sources() -> list[Source]:
    duo, cbs, geo = SHARED_DATA / "duo", SHARED_DATA / "cbs", SHARED_DATA / "geo"
    old = duo / "examenkandidaten-en-geslaagden-2014-2019.csv"
    new = duo / "examenkandidaten-per-opleiding-2019-2024.csv"
    gebieden = cbs / "gebieden-in-nederland-2024.csv"
    header = gebieden.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    return [
        Source(
            "enrollment",
            duo / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv",
            "csv",
            numbers=_ENROLLMENT_COUNTS,
            unread=frozenset({"PROVINCIE VESTIGING"}),
            encoding="latin-1",
        ),
        Source(
            "locations",
            duo / "alle-vestigingen-vo-2019.csv",
            "csv",
            numbers=("GEMEENTENUMMER",),
            unread=_locations_unread(duo / "alle-vestigingen-vo-2019.csv"),
            encoding="latin-1",
        ),
        Source(
            "exam-candidates-2014",
            old,
            "csv",
            numbers=("EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - TOTAAL",),
            unread=_exam_unread(old, "latin-1"),
            encoding="latin-1",
        ),
        Source(
            "exam-candidates-2019",
            new,
            "csv",
            numbers=("EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - TOTAAL",),
            unread=_exam_unread(new, "utf-8"),
        ),
        Source(
            "exam-results",
            duo / "geslaagden-gezakten-en-cijfers-2018-2019.csv",
            "csv",
            numbers=("EXAMENKANDIDATEN",),
            unread=frozenset({"BRIN NUMMER", "GEMEENTENAAM VESTIGING", "PROVINCIE VESTIGING"}),
            encoding="latin-1",
        ),
        Source(
            "gebieden",
            gebieden,
            "csv",
            numbers=(next(h.strip().upper() for h in header if h.startswith("Inwonertal")),),
            unread=frozenset(h.strip().upper().lstrip("\ufeff") for h in header)
            - {h.strip().upper() for h in header if h.strip().upper() in _GEBIEDEN_READ},
        ),
        Source(
            "population-pc4",
            cbs / "inwoners-per-pc-leeftijd-2021.csv",
            "csv",
            numbers=("INWONERS",),
            target_row=_first_pc4_row(cbs / "inwoners-per-pc-leeftijd-2021.csv"),
        ),
        Source(
            "pc4-gemeente",
            cbs / "postcodes-pc-gemeente-2021.csv",
            "csv",
            numbers=("POSTCODE",),
            unread=frozenset({"INWONERS", "INWONERS_MAN", "INWONERS_VROUW", "NUTS3", "GGDREGIO"}),
            target_row=_first_pc4_row(cbs / "postcodes-pc-gemeente-2021.csv"),
        ),
        Source("pc4-centroids", geo / "pc4-centroids-rd.csv", "csv", numbers=("X_RD",)),
        Source("gemeenten-degrees", geo / "gemeenten-2023.geojson", "geojson"),
        Source("gemeenten-rd", geo / "gemeenten-2022-rd.geojson", "geojson"),
    ]


def _locations_unread(path: Path) -> frozenset[str]:
    header = path.read_bytes().decode("latin-1").splitlines()[0].split(";")
    return frozenset(h.strip().upper() for h in header) - {*LOC_REQUIRED, *LOC_ALSO_READ}


def _first_pc4_row(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for i, line in enumerate(fh):
            if len(line.split(",", 1)[0].split(".")[0]) == 4:
                return i
    raise AssertionError(path)


@pytest.mark.realdata
@pytest.mark.slow
def test_damaged_real_files_are_refused(real_warehouse_path: Path, tmp_path: Path) -> None:
    require_real_data()
    warehouse = tmp_path / "real.duckdb"
    shutil.copy(real_warehouse_path, warehouse)
    kerncijfers = SHARED_DATA / "cbs" / "kerncijfers-pc4-2024.xlsx"
    cases = build_cases(
        real_sources(),
        tmp_path / "cases",
        full=False,
        kerncijfers=kerncijfers,
        kerncijfers_rows=_kerncijfers_rows(warehouse),
    )
    per_class, failures = run_corpus(cases, warehouse)
    assert not failures, (
        f"{len(failures)} of {len(cases)} cases failed ({_summary(per_class)}):\n"
        + "\n".join(failures)
    )
