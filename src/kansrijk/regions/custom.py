"""Custom regions (MRDH, Rotterdam Zuid, user YAML): groups of gemeenten or of PC4 areas."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kansrijk.errors import InputError
from kansrijk.regions.level import CBS_CODE, normalise_gemeente_code
from kansrijk.regions.successions import current_code


@dataclass(frozen=True, slots=True)
class CustomRegion:
    """A region defined by its member gemeenten (current codes) or its PC4 areas."""

    code: str
    name: str
    name_en: str
    source: str
    gemeenten: tuple[str, ...] = field(default=())
    pc4: tuple[str, ...] = field(default=())
    origin: str = "packaged"

    @property
    def by_postcode(self) -> bool:
        """True when membership is by PC4 rather than by gemeente."""
        return bool(self.pc4)


def _parse(data: Any, origin: str) -> list[CustomRegion]:
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        raise InputError("expected a mapping with a list 'regions'", file=origin)
    out = []
    for i, item in enumerate(data["regions"], start=1):
        where = f"regions[{i}]"
        if not isinstance(item, dict) or "code" not in item or "name" not in item:
            raise InputError(f"{where}: expected 'code' and 'name'", file=origin)
        code = str(item["code"]).strip().upper()
        if CBS_CODE.match(code):
            raise InputError(
                f"{where}: code {code!r} looks like a CBS code; choose another", file=origin
            )
        gm_raw = item.get("gemeenten") or {}
        gm_codes = list(gm_raw.keys()) if isinstance(gm_raw, dict) else list(gm_raw)
        try:
            gemeenten = tuple(
                dict.fromkeys(current_code(normalise_gemeente_code(str(c))) for c in gm_codes)
            )
        except ValueError as exc:
            raise InputError(f"{where}: {exc}; expected codes like GM0599", file=origin) from None
        pc4 = tuple(str(p).strip() for p in item.get("pc4") or [])
        bad = [p for p in pc4 if not (len(p) == 4 and p.isdigit())]
        if bad:
            raise InputError(f"{where}: not 4-digit postcodes: {bad}", file=origin)
        if bool(gemeenten) == bool(pc4):
            raise InputError(
                f"{where} ({code}): expected exactly one of 'gemeenten' or 'pc4'", file=origin
            )
        out.append(
            CustomRegion(
                code=code,
                name=str(item["name"]),
                name_en=str(item.get("name_en", item["name"])),
                source=" ".join(str(item.get("source", "")).split()),
                gemeenten=gemeenten,
                pc4=pc4,
                origin=origin,
            )
        )
    return out


def packaged_regions() -> list[CustomRegion]:
    """MRDH and RDAM-ZUID, from ``regions/data/custom_regions.yaml``."""
    text = (
        resources.files("kansrijk.regions")
        .joinpath("data/custom_regions.yaml")
        .read_text(encoding="utf-8")
    )
    return _parse(yaml.safe_load(text), "packaged custom_regions.yaml")


def load_regions_file(path: Path) -> list[CustomRegion]:
    """Custom regions from a user's YAML file (same shape as the packaged one)."""
    if not path.exists():
        raise InputError("regions file does not exist", file=path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=path) from None
    return _parse(data, str(path))


def all_custom_regions(regions_file: Path | None = None) -> list[CustomRegion]:
    """The packaged custom regions plus those of a user's YAML file, if given."""
    regions = packaged_regions()
    if regions_file is not None:
        regions += load_regions_file(regions_file)
    return regions
