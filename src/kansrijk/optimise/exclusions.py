"""Licence/RPO constraints: profiles a location may not get, as a YAML list.

Format (docs/optimise.md)::

    exclusions:
      - location: 18BR00      # a location code
        profile: PIE          # a technical profile; omit to exclude every profile
        reason: no RPO approval
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kansrijk.optimise.errors import OptimiseError
from kansrijk.vocab import ProfileSet

TECHNICAL: tuple[str, ...] = tuple(sorted(ProfileSet.TECHNIEK.codes))


@dataclass(frozen=True)
class Exclusion:
    """``location`` may not get ``profile`` (None: no technical profile at all)."""

    location: str
    profile: str | None
    reason: str = ""

    def matches(self, location: str, profile: str) -> bool:
        return self.location == location and self.profile in (None, profile)


def read_exclusions(path: str | Path) -> tuple[Exclusion, ...]:
    """The exclusions in a YAML file; errors name the file and the line of the item."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OptimiseError("exclusion file not found", file=str(p)) from None
    return parse_exclusions(text, source=str(p))


def parse_exclusions(text: str, *, source: str | None = None) -> tuple[Exclusion, ...]:
    try:
        node = yaml.compose(text)
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise OptimiseError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            file=source,
            line=None if mark is None else mark.line + 1,
        ) from None
    if doc is None:
        return ()
    items = doc.get("exclusions") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise OptimiseError(
            "expected a mapping with a list 'exclusions' of {location, profile, reason}; "
            f"found {type(doc).__name__}",
            file=source,
        )
    lines = _item_lines(node)
    out = []
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else None
        if not isinstance(item, dict) or not item.get("location"):
            raise OptimiseError(
                f"exclusions[{i}]: expected a mapping with 'location' (and 'profile', "
                f"'reason'); found {item!r}",
                file=source,
                line=line,
            )
        unknown = sorted(set(item) - {"location", "profile", "reason"})
        if unknown:
            raise OptimiseError(
                f"exclusions[{i}]: unknown field(s) {unknown}; expected location, profile, reason",
                file=source,
                line=line,
            )
        profile = item.get("profile")
        if profile is not None:
            profile = str(profile).strip().upper()
            if profile not in TECHNICAL:
                raise OptimiseError(
                    f"exclusions[{i}].profile: expected one of {', '.join(TECHNICAL)}; "
                    f"found {item.get('profile')!r}",
                    file=source,
                    line=line,
                )
        out.append(
            Exclusion(str(item["location"]).strip().upper(), profile, str(item.get("reason", "")))
        )
    return tuple(out)


def _item_lines(node: yaml.Node | None) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "exclusions" and isinstance(value, yaml.SequenceNode):
            return [v.start_mark.line + 1 for v in value.value]
    return []
