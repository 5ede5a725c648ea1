"""Import with dry run: a 200-row CSV with 10 bad rows -- the dry run lists the 10 with
line and reason and stores nothing; the real import stores the 190 and nothing else. Also
XLSX, and through the web page."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import func, select

from kansrijk.errors import MissingColumnError
from kansrijk.registry import Actor
from kansrijk.registry.importer import import_activities
from kansrijk.registry.models import Activity, AuditEntry, Organisation

from .conftest import approve_all, login, register

HEADER = [
    "title",
    "kind",
    "pc4",
    "profiles",
    "target_groups",
    "start_date",
    "end_date",
    "capacity",
    "languages",
    "description",
]
#: line (header = 1) -> (bad row, column the reason names)
BAD = {
    5: (["Gastles", "guest_lesson", "30AB", "PIE", "", "", "", "", "nl", ""], "pc4"),
    17: (["", "workshop", "3083", "", "", "", "", "", "nl", ""], "title"),
    30: (["Bezoek", "excursie", "3083", "", "", "", "", "", "nl", ""], "kind"),
    44: (["Bezoek", "company_visit", "3083", "XYZ", "", "", "", "", "nl", ""], "profiles"),
    58: (
        ["Bezoek", "company_visit", "3083", "", "kleuters", "", "", "", "nl", ""],
        "target_groups",
    ),
    71: (["Project", "project", "3083", "", "", "2025-13-01", "", "", "nl", ""], "start_date"),
    99: (
        ["Project", "project", "3083", "", "", "2025-10-01", "2025-09-01", "", "nl", ""],
        "end_date",
    ),
    120: (["Stage", "internship_vmbo", "3083", "", "", "", "", "veel", "nl", ""], "capacity"),
    150: (["Stage", "internship_vmbo", "3083", "", "", "", "", "", "klingon", ""], "languages"),
    201: (["Les", "guest_lesson", "", "", "", "", "", "", "nl", ""], "pc4"),
}


def good_row(i: int) -> list[str]:
    return [
        f"Gastles {i}",
        "guest_lesson",
        f"{3000 + i % 100:04d}",
        "PIE,BWI",
        "vmbo_bb",
        "2025-10-01",
        "2025-10-31",
        "30",
        "nl",
        f"Les nummer {i}",
    ]


def csv_bytes(delimiter: str = ",") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(HEADER)
    for line in range(2, 202):  # 200 data rows on lines 2-201
        w.writerow(BAD[line][0] if line in BAD else good_row(line))
    return out.getvalue().encode("utf-8")


def _provider(registry) -> Actor:
    with registry.session() as s:
        org = Organisation(name="Intermediair", kind="intermediary", approved=True)
        s.add(org)
        s.flush()
        return Actor(None, org.id, "provider", approved=True)


def _expected_bad_lines(data: bytes, delimiter: str) -> list[int]:
    """Independent check: the lines of the file whose row is one of BAD's rows."""
    rows = list(csv.reader(io.StringIO(data.decode()), delimiter=delimiter))
    bad_rows = [b[0] for b in BAD.values()]
    return [i for i, r in enumerate(rows, start=1) if i > 1 and r in bad_rows]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_dry_run_lists_the_ten_bad_rows_and_the_import_stores_190(registry, delimiter) -> None:
    actor = _provider(registry)
    data = csv_bytes(delimiter)
    with registry.session() as s:
        report = import_activities(s, actor, data, "lijst.csv", dry_run=True)
    assert report.rows == 200 and report.accepted == 190
    assert [r.line for r in report.rejected] == _expected_bad_lines(data, delimiter) == sorted(BAD)
    assert {r.line: r.column for r in report.rejected} == {k: v[1] for k, v in BAD.items()}
    assert all(r.reason.startswith("expected") for r in report.rejected)
    with registry.session() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 0
        before_audit = s.scalar(select(func.count()).select_from(AuditEntry))
        report = import_activities(s, actor, data, "lijst.csv", dry_run=False)
    assert len(report.stored_ids) == 190
    with registry.session() as s:
        titles = set(s.scalars(select(Activity.title)))
        assert s.scalar(select(func.count()).select_from(Activity)) == 190
        assert titles == {f"Gastles {i}" for i in range(2, 202) if i not in BAD}
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before_audit + 190


def test_xlsx_import_and_missing_column(registry) -> None:
    actor = _provider(registry)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(good_row(7))
    sheet.append(BAD[5][0])
    buf = io.BytesIO()
    book.save(buf)
    with registry.session() as s:
        report = import_activities(s, actor, buf.getvalue(), "lijst.xlsx", dry_run=False)
    assert report.accepted == 1 and [(r.line, r.column) for r in report.rejected] == [(3, "pc4")]
    with (
        pytest.raises(MissingColumnError, match=r"lijst.csv, line 1, column 'kind'"),
        registry.session() as s,
    ):
        import_activities(s, actor, b"title,pc4\nLes,3083\n", "lijst.csv", dry_run=True)


def test_import_page(web) -> None:
    register(web, "i@intermediair.nl", kind="intermediary", org="Techniekpact Zuid")
    approve_all(web)
    login(web, "i@intermediair.nl")
    from .conftest import csrf_of

    token = csrf_of(web, "/partners/import")
    files = {"file": ("lijst.csv", csv_bytes(), "text/csv")}
    r = web.post("/partners/import", data={"csrf_token": token, "dry_run": "yes"}, files=files)
    assert r.status_code == 200
    assert "200 regels: 190 goed, 10 afgekeurd." in r.text
    assert r.text.count("<td>verwacht") == 10  # the reasons in the page's language
    r = web.post("/partners/import", data={"csrf_token": token}, files=files)
    assert "190 goed" in r.text
    assert len(web.get("/partners.json").json()["activities"]) == 190


def test_postcodes_with_letters_are_read_and_others_rejected() -> None:
    from kansrijk.registry.errors import FieldError
    from kansrijk.registry.fields import clean_fields

    base = {"title": "Les", "kind": "guest_lesson"}
    assert clean_fields({**base, "pc4": "3083 AB"})["pc4"] == "3083"
    assert clean_fields({**base, "pc4": "3083ab"})["pc4"] == "3083"
    for bad in ("30831", "308", "AB30", "3083 ABC"):
        with pytest.raises(FieldError, match="expected a postcode"):
            clean_fields({**base, "pc4": bad})
