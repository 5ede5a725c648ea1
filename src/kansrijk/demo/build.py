"""Build the fictional demo region as read results and load it into a warehouse."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa

from kansrijk.demo.enrollment import enrollment_rows
from kansrijk.demo.exams import exam_rows
from kansrijk.demo.geography import geometry_rows, pc4_tables, population_rows, region_tables
from kansrijk.demo.mbo import MBO_YEARS, mbo_tables
from kansrijk.demo.primary_schools import po_pupil_rows
from kansrijk.demo.schools import location_rows, mbo_rows
from kansrijk.demo.spec import ENROLLMENT_YEARS, EXAM_YEARS, GEO_YEAR, REGION_NAME, REGION_YEARS
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.result import DatasetInfo, ReadResult
from kansrijk.warehouse import LoadOutcome, Warehouse

DEFAULT_SEED = 2026
PUBLISHER = "Kansrijk (fictief / fictional)"
LICENCE = "CC0 1.0"
#: Bump when the generator changes what it makes for a seed.
GENERATOR_VERSION = "2"

Rows = list[dict[str, object]]
_Make = Callable[[str, int], dict[str, Rows]]


def _spec(
    name: str, title: str, tables: tuple[str, ...], years: tuple[int, ...], make: _Make
) -> tuple[DatasetInfo, tuple[int, ...], _Make]:
    info = DatasetInfo(
        name=name,
        title=f"{title} (fictief / fictional: {REGION_NAME})",
        publisher=PUBLISHER,
        licence=LICENCE,
        tables=tables,
        url="",
        reader_version=GENERATOR_VERSION,
    )
    return info, years, make


#: The demo datasets: (info, years, rows maker taking dataset name and seed).
DATASETS = (
    _spec(
        "demo_regions",
        "Gebieden (regio-indeling)",
        ("region", "region_member"),
        REGION_YEARS,
        lambda ds, _seed: region_tables(ds),
    ),
    _spec(
        "demo_geometry",
        "Grenzen van gemeenten en PC4-gebieden",
        ("geometry",),
        (GEO_YEAR,),
        lambda ds, _seed: {"geometry": geometry_rows(ds)},
    ),
    _spec(
        "demo_pc4",
        "Postcodegebieden (PC4) en middelpunten",
        ("pc4_area", "pc4_centroid"),
        (GEO_YEAR,),
        pc4_tables,
    ),
    _spec(
        "demo_population",
        "Jonge inwoners per PC4 en gemeente naar leeftijd en geslacht",
        ("population",),
        ENROLLMENT_YEARS,
        lambda ds, seed: {"population": population_rows(ds, seed)},
    ),
    _spec(
        "demo_locations",
        "Vestigingen vo",
        ("location",),
        ENROLLMENT_YEARS,
        lambda ds, _seed: {"location": location_rows(ds)},
    ),
    _spec(
        "demo_vo_enrollment",
        "Leerlingen vo per vestiging naar onderwijstype",
        ("vo_enrollment",),
        ENROLLMENT_YEARS,
        lambda ds, seed: {"vo_enrollment": enrollment_rows(ds, seed)},
    ),
    _spec(
        "demo_exams",
        "Examenkandidaten en geslaagden vo per vestiging",
        ("vo_exam",),
        EXAM_YEARS,
        lambda ds, seed: {"vo_exam": exam_rows(ds, seed)},
    ),
    _spec(
        "demo_mbo",
        "mbo-locaties met sectorkamers",
        ("mbo_location",),
        (GEO_YEAR,),
        lambda ds, _seed: {"mbo_location": mbo_rows(ds)},
    ),
    _spec(
        "demo_mbo_students",
        "mbo-instromers, -studenten en -gediplomeerden naar woongemeente",
        ("mbo_entrant", "mbo_student", "mbo_student_home", "mbo_diploma"),
        MBO_YEARS,
        mbo_tables,
    ),
    _spec(
        "demo_po_pupils",
        "Basisscholen: leerlingen naar postcode en leeftijd",
        ("po_pupils",),
        (GEO_YEAR,),
        lambda ds, seed: {"po_pupils": po_pupil_rows(ds, seed)},
    ),
)


def content_sha256(info: DatasetInfo, tables: dict[str, pa.Table]) -> str:
    """Hex sha256 of a dataset's generated content (Arrow IPC of each table, in name
    order), so the same content always gets the same hash and re-loading is a no-op."""
    h = hashlib.sha256(f"{info.name}\0{info.reader_version}\0".encode())
    for name in sorted(tables):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, tables[name].schema) as writer:
            writer.write_table(tables[name])
        h.update(name.encode() + b"\0")
        h.update(sink.getvalue().to_pybytes())
    return h.hexdigest()


def build_demo(seed: int = DEFAULT_SEED) -> list[ReadResult]:
    """The fictional demo region as read results (``fictional=True``), one per dataset.

    Deterministic: the same seed gives byte-identical tables (and the same sha256).
    """
    results = []
    for info, years, make in DATASETS:
        rows = make(info.name, seed)
        tables = {name: to_arrow(name, rows[name]) for name in info.tables}
        results.append(
            ReadResult(
                dataset=info,
                path=Path(f"demo://{info.name}"),
                sha256=content_sha256(info, tables),
                years=years,
                tables=tables,
                notes=(
                    (
                        f"fictional demo data (seed {seed}): made-up schools, places and "
                        "people, not real figures"
                    ),
                ),
                fictional=True,
            )
        )
    return results


def load_demo(warehouse: Warehouse, seed: int = DEFAULT_SEED) -> list[LoadOutcome]:
    """Load the demo region into an open warehouse in one transaction.

    Raises:
        WarehouseError: the warehouse holds real data (the demo never mixes with it).
    """
    return warehouse.load(build_demo(seed))


def dataset_names() -> Sequence[str]:
    """Names of the demo datasets."""
    return [info.name for info, _, _ in DATASETS]
