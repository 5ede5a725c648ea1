"""The fetch catalogue: where each dataset lives (``catalog.yaml``) and which files a fetch
asks for.

The packaged ``catalog.yaml`` gives, per dataset, the publisher's URL pattern (or CKAN
package and resource), the years known to exist and the expected file name.
:func:`catalog_entries` picks datasets x years from it; ``sources.fetch`` downloads them.
A mirror (``KANSRIJK_FETCH_BASE_URL``) replaces every publisher URL by
``<base>/<publisher>/<name in the cache>``.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from kansrijk import __version__
from kansrijk.errors import InputError, UnknownDatasetError

#: Environment variable: base URL of a mirror that replaces every publisher URL.
BASE_URL_ENV = "KANSRIJK_FETCH_BASE_URL"
USER_AGENT = f"kansrijk/{__version__} (open-data download; Python urllib)"


class Publisher(BaseModel):
    """A publisher: its name and licence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    licence: str


class DatasetSource(BaseModel):
    """Where one dataset is published (one entry of ``catalog.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str  # Dutch, as the publisher names the dataset
    title_en: str
    publisher: str
    landing_page: str
    url: str
    file: str
    save_as: str | None = None
    extract: str | None = None
    years: tuple[int, ...] = ()
    releases: dict[int, dict[str, str]] = {}
    snapshot: bool = False
    year_means: str
    sha256: dict[int, str] = {}
    note: str | None = None
    #: CKAN portals: ``url`` is the package_show API URL and this the resource's name
    #: (placeholders allowed); the download URL is asked from the portal (sources/ckan.py).
    ckan_resource: str | None = None

    @model_validator(mode="after")
    def _one_kind_of_years(self) -> DatasetSource:
        kinds = [bool(self.years), bool(self.releases), self.snapshot]
        if sum(kinds) != 1:
            raise ValueError("give exactly one of years, releases or snapshot: true")
        return self

    def title_in(self, lang: str) -> str:
        """The title in ``lang``: English for ``en``, else the Dutch one."""
        return self.title_en if lang == "en" else self.title

    def known_years(self, today: dt.date) -> tuple[int, ...]:
        """The years this dataset can be fetched for (snapshot: the current year)."""
        if self.snapshot:
            return (today.year,)
        return tuple(sorted(self.releases or self.years))


class Catalog(BaseModel):
    """The whole ``catalog.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    publishers: dict[str, Publisher]
    datasets: dict[str, DatasetSource]

    @model_validator(mode="after")
    def _publishers_known(self) -> Catalog:
        for name, ds in self.datasets.items():
            if ds.publisher not in self.publishers:
                raise ValueError(
                    f"dataset {name}: unknown publisher {ds.publisher!r}; expected one of "
                    + ", ".join(self.publishers)
                )
        return self


def load_catalog(path: Path | None = None) -> Catalog:
    """The packaged catalogue (or the YAML file at ``path``), validated."""
    if path is None:
        text = resources.files("kansrijk.sources").joinpath("catalog.yaml").read_text("utf-8")
        where = "catalog.yaml (packaged)"
    else:
        text = path.read_text("utf-8")
        where = str(path)
    try:
        return Catalog.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"not a valid fetch catalogue: {exc}", file=where) from None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One file to fetch: a dataset-year with its resolved URL and file names.

    ``url`` is what will be downloaded (a mirror's URL when ``KANSRIJK_FETCH_BASE_URL`` is
    set); ``origin_url`` is always the publisher's.
    """

    dataset: str
    year: int
    title: str
    publisher: str
    url: str
    origin_url: str
    file_name: str
    save_as: str
    extract: str | None = None
    sha256: str | None = None
    note: str | None = None
    landing_page: str = ""
    ckan_resource: str | None = None  # resolve ``url`` (package_show) to this resource


def _entry(name: str, source: DatasetSource, year: int, base_url: str | None) -> CatalogEntry:
    values = {"year": str(year), "prev_year": str(year - 1), **source.releases.get(year, {})}
    file_name = source.file.format(**values)
    save_as = (source.save_as or source.file).format(**values)
    origin = source.url.format(**values)
    url = origin
    if base_url:  # the mirror has the cache dir's layout
        kept = file_name if source.extract else save_as
        url = f"{base_url.rstrip('/')}/{source.publisher}/{urllib.parse.quote(kept)}"
    return CatalogEntry(
        dataset=name,
        year=year,
        title=source.title,
        publisher=source.publisher,
        url=url,
        origin_url=origin,
        file_name=file_name,
        save_as=save_as,
        extract=source.extract.format(**values) if source.extract else None,
        sha256=source.sha256.get(year),
        note=source.note,
        landing_page=source.landing_page,
        ckan_resource=None
        if base_url or not source.ckan_resource
        else source.ckan_resource.format(**values),
    )


def catalog_entries(
    datasets: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
    *,
    catalog: Catalog | None = None,
    base_url: str | None = None,
    today: dt.date | None = None,
) -> list[CatalogEntry]:
    """The files to fetch for ``datasets`` (default: all) x ``years``.

    Without ``years``, the newest year of each dataset. With ``years``, every requested year
    a dataset has; a dataset named explicitly must have all of them, and a year must exist
    for at least one selected dataset. A snapshot dataset (the publisher has only the current
    version, e.g. DUO's list of locations) is fetched for the current year whatever
    ``years`` says. ``base_url`` defaults to ``$KANSRIJK_FETCH_BASE_URL``.

    Raises:
        UnknownDatasetError: a dataset is not in the catalogue (the message lists them).
        InputError: a year is not known (the message lists the known years).
    """
    catalog = catalog or load_catalog()
    today = today or dt.date.today()
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or None
    names = list(dict.fromkeys(datasets)) if datasets else list(catalog.datasets)
    unknown = [n for n in names if n not in catalog.datasets]
    if unknown:
        raise UnknownDatasetError(
            f"unknown dataset {', '.join(map(repr, unknown))}; expected one of: "
            + ", ".join(catalog.datasets)
        )
    snapshots = [n for n in names if catalog.datasets[n].snapshot]
    known = {n: catalog.datasets[n].known_years(today) for n in names if n not in snapshots}
    wanted = sorted(set(years)) if years else None
    if wanted:
        if not known:
            raise InputError(
                f"--year does not apply to {', '.join(snapshots)}: the publisher has only the "
                "current version"
            )
        listing = "; ".join(f"{n}: {', '.join(map(str, ys))}" for n, ys in known.items())
        missing = [y for y in wanted if not any(y in ys for ys in known.values())]
        if missing:
            raise InputError(
                f"no dataset has year {', '.join(map(str, missing))}; known years: {listing}"
            )
        for n in known if datasets else ():
            lacking = [y for y in wanted if y not in known[n]]
            if lacking:
                raise InputError(
                    f"dataset {n} has no year {', '.join(map(str, lacking))}; known years: "
                    + ", ".join(map(str, known[n]))
                )
    out: list[CatalogEntry] = []
    for n in names:
        if n in snapshots:
            chosen = [today.year]
        else:
            chosen = [y for y in known[n] if y in wanted] if wanted else [max(known[n])]
        out.extend(_entry(n, catalog.datasets[n], y, base_url) for y in chosen)
    return out
