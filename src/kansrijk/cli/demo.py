"""``kansrijk demo``: load the fictional demo region into the warehouse."""

from __future__ import annotations

from kansrijk.cli.options import JsonOpt, WarehouseOpt, settings_for
from kansrijk.cli.output import fail, print_json, print_table, say
from kansrijk.errors import KansrijkError


def demo_cmd(warehouse: WarehouseOpt = None, as_json: JsonOpt = False) -> None:
    """Load the fictional demo region 'Regio Kansrijk-Demo' (made-up schools and places).

    Refuses a warehouse that holds real data: the demo is never mixed with real data.
    Loading it again changes nothing; loading real data later removes it.
    """
    from kansrijk.demo import load_demo
    from kansrijk.warehouse import Warehouse

    settings = settings_for(warehouse)
    try:
        with Warehouse(settings.warehouse) as wh:
            outcomes = load_demo(wh)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    changed = [o for o in outcomes if o.status != "unchanged"]
    if as_json:
        print_json(
            {
                "ok": True,
                "warehouse": settings.warehouse,
                "fictional": True,
                "changed": len(changed),
                "datasets": outcomes,
            }
        )
        return
    print_table(
        f"Fictional demo region into {settings.warehouse}",
        ["dataset", "years", "status", "rows"],
        [(o.dataset, _years(o.years), o.status, o.rows) for o in outcomes],
    )
    say(
        "nothing changed: the demo region was already loaded"
        if not changed
        else "loaded the demo region 'Regio Kansrijk-Demo (fictief)': everything in it is "
        "fictional (made-up schools, places and numbers)"
    )


def _years(years: tuple[int, ...]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
