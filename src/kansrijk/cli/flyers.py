"""``kansrijk flyers``: A4 PDF flyers for parents, in any of the finder's languages.

- ``--school CODE-OR-NAME``: one primary school (vmbo locations near where its pupils live);
- ``--pc4 3083``: one postcode area;
- ``--gemeente GM0599 --summary``: the gemeente itself;
- ``--gemeente GM0599``: a zip with one PDF per primary school of the gemeente.

Every PDF holds one flyer per language of ``--lang`` (in that order, each on new pages)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from kansrijk.cli.options import JsonOpt, WarehouseOpt, open_for_reading, settings_for
from kansrijk.cli.output import console, fail, print_json, say, writing
from kansrijk.errors import InputError, KansrijkError
from kansrijk.finder import Finder, FinderInputError
from kansrijk.finder.flyer import (
    FLYER_KM,
    Flyer,
    flyer_pdf,
    gemeente_flyer,
    pc4_flyer,
    school_flyer,
)
from kansrijk.finder.primary import find_primary_school, primary_schools
from kansrijk.l10n import LANGUAGES


def _languages(text: str) -> list[str]:
    langs = [p.strip().lower() for p in text.split(",") if p.strip()]
    bad = [x for x in langs if x not in LANGUAGES]
    if not langs or bad:
        raise InputError(
            f"--lang: expected languages from {', '.join(LANGUAGES)} (comma-separated), "
            f"found {text!r}"
        )
    return list(dict.fromkeys(langs))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "flyer"


def _pdf(flyer: Flyer, langs: list[str]) -> bytes:
    return flyer_pdf([(flyer, lang) for lang in langs])


def flyers_cmd(
    gemeente: Annotated[
        str | None, typer.Option("--gemeente", help="Gemeente code (GM0599): one PDF per school.")
    ] = None,
    school: Annotated[
        str | None, typer.Option("--school", help="A primary school: DUO code or part of its name.")
    ] = None,
    pc4: Annotated[str | None, typer.Option("--pc4", help="A postcode area (3083).")] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="With --gemeente: one flyer for the gemeente itself.")
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Languages, comma-separated: nl, en, tr, ar, pl.")
    ] = "nl",
    km: Annotated[float, typer.Option("--km", help="Distance of the lists in km.")] = FLYER_KM,
    out: Annotated[Path, typer.Option("--out", help="Folder to write to.")] = Path(),
    warehouse: WarehouseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Make A4 PDF flyers (vmbo schools with and without a technical profile)."""
    try:
        langs = _languages(lang)
        if sum(x is not None for x in (gemeente, school, pc4)) != 1:
            raise InputError("give exactly one of --gemeente, --school or --pc4")
        if not 1.0 <= km <= 50.0:
            raise InputError(f"--km: expected 1 to 50, found {km:g}")
        with writing(out):
            out.mkdir(parents=True, exist_ok=True)
        tag = "-".join(langs)
        with open_for_reading(settings_for(warehouse)) as wh:
            finder = Finder(wh)
            demo = wh.has_fictional()
            written: list[dict[str, object]] = []
            if school is not None:
                s = find_primary_school(wh, school)
                path = out / f"flyer-{s.code}-{_slug(s.name)}-{tag}.pdf"
                pdf = _pdf(school_flyer(finder, s, km, demo), langs)
                with writing(path):
                    path.write_bytes(pdf)
                written.append({"file": str(path), "school": s.code, "name": s.name})
            elif pc4 is not None:
                flyer = pc4_flyer(finder, pc4, km, demo)
                path = out / f"flyer-pc4-{flyer.subject}-{tag}.pdf"
                pdf = _pdf(flyer, langs)
                with writing(path):
                    path.write_bytes(pdf)
                written.append({"file": str(path), "pc4": flyer.subject})
            elif summary:
                assert gemeente is not None
                flyer = gemeente_flyer(finder, gemeente, km, demo)
                path = out / f"flyer-{gemeente.upper()}-{tag}.pdf"
                pdf = _pdf(flyer, langs)
                with writing(path):
                    path.write_bytes(pdf)
                written.append({"file": str(path), "gemeente": gemeente.upper()})
            else:
                assert gemeente is not None
                written.append(_batch(wh, finder, gemeente.strip().upper(), langs, km, out, demo))
    except FinderInputError as exc:
        fail(InputError(str(exc)), as_json=as_json)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"ok": True, "languages": langs, "written": written})
    else:
        for w in written:
            say(f"wrote {w['file']}" + (f" ({w['pdfs']} PDFs)" if "pdfs" in w else ""))


def _batch(
    wh: object, finder: Finder, gm: str, langs: list[str], km: float, out: Path, demo: bool
) -> dict[str, object]:
    from kansrijk.warehouse import Warehouse

    assert isinstance(wh, Warehouse)
    schools = primary_schools(wh, gemeente=gm)
    if not schools:
        raise InputError(
            f"--gemeente: no primary schools of {gm} in the loaded data; expected a code like "
            "GM0599 and DUO's primary-school file loaded (kansrijk ingest ...)"
        )
    path = out / f"flyers-{gm}-{'-'.join(langs)}.zip"
    buf = io.BytesIO()
    skipped: list[str] = []
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(f"flyers {gm}", total=len(schools))
        for s in schools:
            try:
                flyer = school_flyer(finder, s, km, demo)
            except FinderInputError:
                skipped.append(s.code)
            else:
                zf.writestr(f"{s.code}-{_slug(s.name)}-{'-'.join(langs)}.pdf", _pdf(flyer, langs))
            progress.advance(task)
    with writing(path):
        path.write_bytes(buf.getvalue())
    return {
        "file": str(path),
        "gemeente": gm,
        "pdfs": len(schools) - len(skipped),
        "skipped_no_known_homes": skipped,
    }
