"""Import of an intermediary's activity list (CSV or XLSX): a dry run reports every row it
would reject, with its line and reason; the real import stores the accepted rows, all in
one transaction, and nothing else.

The header names the fields (``fields.FIELDS``; ``title``, ``kind`` and ``pc4`` required).
Line numbers count the header as line 1, as in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from kansrijk.errors import InputError, Message, MissingColumnError
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import FieldError, ForbiddenError
from kansrijk.registry.fields import FIELDS, REQUIRED, clean_fields
from kansrijk.registry.models import Activity

MAX_ROWS = 10_000
MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Rejection:
    """A row the import leaves out: its line, the column and why."""

    line: int
    column: str | None
    reason: str


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool
    rows: int = 0
    accepted: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    stored_ids: list[int] = field(default_factory=list)


def _rows_csv(data: bytes, name: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = bytes(exc.object)
        raise InputError(
            Message(
                "expected UTF-8 text (save the file as CSV UTF-8); found the byte {byte}",
                byte=f"0x{raw[exc.start]:02x}",
            ),
            file=name,
            line=raw[: exc.start].count(b"\n") + 1,
        ) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _to_dicts([list(r) for r in reader], name)


def _rows_xlsx(data: bytes, name: str) -> list[dict[str, str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise InputError(
            Message("expected an XLSX workbook; found a file that cannot be read as one"),
            file=name,
        ) from None
    sheet = book.worksheets[0]
    rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    book.close()
    return _to_dicts(rows, name)


def _to_dicts(rows: list[list[str]], name: str) -> list[dict[str, str]]:
    if not rows:
        raise InputError(Message("expected a header line; found an empty file"), file=name, line=1)
    header = [h.strip().lower() for h in rows[0]]
    for col in REQUIRED:
        if col not in header:
            raise MissingColumnError(
                Message(
                    "expected a column {col!r} in the header; found {found}",
                    col=col,
                    found=", ".join(header),
                ),
                file=name,
                line=1,
                column=col,
            )
    if len(rows) - 1 > MAX_ROWS:
        raise InputError(
            Message(
                "expected at most {most} rows; found {found}", most=MAX_ROWS, found=len(rows) - 1
            ),
            file=name,
        )
    out = []
    for values in rows[1:]:
        out.append(
            {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h in FIELDS}
        )
    return out


def read_rows(data: bytes, name: str) -> list[dict[str, str]]:
    """The data rows of a CSV (comma or semicolon) or XLSX file, keyed by header."""
    if len(data) > MAX_BYTES:
        raise InputError(
            Message(
                "expected a file of at most {most} bytes; found {found}",
                most=MAX_BYTES,
                found=len(data),
            ),
            file=name,
        )
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return _rows_xlsx(data, name)
    return _rows_csv(data, name)


def import_activities(
    session: Session, actor: Actor, data: bytes, name: str, *, dry_run: bool
) -> ImportReport:
    """Check every row; unless ``dry_run``, store the accepted ones as published activities
    of the actor's organisation (one transaction: the caller's session)."""
    if actor.role not in ("provider", "admin") or not actor.approved or actor.org_id is None:
        raise ForbiddenError(Message("only approved providers import activities"))
    rows = read_rows(data, name)
    report = ImportReport(dry_run=dry_run, rows=len(rows))
    good: list[tuple[int, dict[str, Any]]] = []
    for i, raw in enumerate(rows, start=2):
        if not any(v.strip() for v in raw.values()):
            report.rejected.append(Rejection(i, None, "empty row"))
            continue
        try:
            good.append((i, clean_fields(raw)))
        except FieldError as exc:
            report.rejected.append(Rejection(i, exc.column, exc.detail))
    report.accepted = len(good)
    if dry_run:
        return report
    for _line, values in good:
        act = Activity(org_id=actor.org_id, published=True, **values)
        session.add(act)
        session.flush()
        report.stored_ids.append(act.id)
        audit.record(session, actor, "import", "activity", act.id, None, audit.snapshot(act))
    return report
