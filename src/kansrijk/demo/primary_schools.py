"""The demo region's primary schools (fictional) and their pupils by home PC4 and age, in
the shape of DUO's 'leerlingen po per gemeente naar postcode leerling en leeftijd'.

Three schools per gemeente; each draws pupils from its own PC4 area and the neighbouring
areas of the same row, ages 4-12, counts of 1-4 masked as DUO does (``count`` NULL)."""

from __future__ import annotations

import numpy as np

from kansrijk.demo.spec import GEMEENTEN, GEO_YEAR, PC4_COLS

Row = dict[str, object]

#: (name, cell in the gemeente's PC4 grid, kind) per gemeente; every name says fictief.
_SCHOOLS: tuple[tuple[str, int, str], ...] = (
    ("Fictieve Basisschool De Regenboog", 1, "Bo"),
    ("Fictieve Openbare Basisschool Het Anker", 7, "Bo"),
    ("Fictieve School voor Speciaal Basisonderwijs De Brug", 3, "Sbo"),
)
_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def _neighbours(cell: int) -> list[int]:
    row, col = divmod(cell, PC4_COLS)
    return [row * PC4_COLS + c for c in range(max(0, col - 1), min(PC4_COLS, col + 2))]


def po_pupil_rows(dataset: str, seed: int) -> list[Row]:
    """Non-zero (or masked) cells of pupils per school x home PC4 x age, peildatum GEO_YEAR."""
    rng = np.random.default_rng(seed + 404)
    rows: list[Row] = []
    for g in GEMEENTEN:
        for k, (name, cell, kind) in enumerate(_SCHOOLS):
            number = 10 * g.index + k
            pc4 = g.pc4_codes[cell]
            base = {
                "dataset": dataset,
                "year": GEO_YEAR,
                "school_code": f"ZP{number:02d}00",
                "brin": f"ZP{number:02d}",
                "school_name": f"{name} ({g.name.removesuffix(' (fictief)')})",
                "school_postcode": pc4 + _LETTERS[number % 18] + _LETTERS[(5 * number) % 18],
                "school_pc4": pc4,
                "school_place": g.place,
                "gemeente_code": g.code,
                "gemeente_code_source": g.code,
                "gemeente_name_source": g.name,
                "school_kind": kind,
                "denomination": "Openbaar",
                "board": f"ZPB{g.index + 1:02d}",
            }
            for c in _neighbours(cell):
                share = 1.0 if c == cell else 0.35
                for age in range(4, 13):
                    n = int(rng.poisson(9 * share if kind == "Bo" else 2 * share))
                    if n == 0:
                        continue
                    rows.append(
                        base
                        | {
                            "pupil_pc4": g.pc4_codes[c],
                            "pupil_gemeente_name": g.name,
                            "age": str(age),
                            "count": n if n >= 5 else None,
                            "masked": n < 5,
                        }
                    )
    return rows


__all__ = ["po_pupil_rows"]
