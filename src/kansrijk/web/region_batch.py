"""One indicator for every region of the selector at once, from which a region's own result is
cut: the first visits of many regions cost one computation, not one each.

The engine computes an indicator for 432 regions in 2-7 times the time of one region (one
grouped query either way), so the app computes, per (indicator, years, profile set), the
result for all regions of the selector once (and the start-up warming does it before the
first visitor), and answers a request for one or two regions (a region beside NL) with
:func:`RegionBatch.subset`: the same rows, published figures, targets and missing cells, in
the same order, as a computation for just those regions (tests check this for every region).
Only results without a breakdown are batched: breakdowns multiply the rows by region.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from kansrijk.indicators import IndicatorResult
from kansrijk.indicators.published import find
from kansrijk.memo import LruCache

#: A batch serves requests for at most this many regions.
MAX_REGIONS = 2


@dataclass(frozen=True)
class RegionBatch:
    """An indicator result for many regions, indexed by region."""

    result: IndicatorResult
    fictional: bool  # the demo: its own fictional targets, as the engine picks them
    rows: dict[str, tuple[int, ...]]
    published: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, result: IndicatorResult, *, fictional: bool) -> RegionBatch:
        def index(regions: Sequence[str]) -> dict[str, tuple[int, ...]]:
            out: dict[str, list[int]] = {}
            for i, region in enumerate(regions):
                out.setdefault(region, []).append(i)
            return {k: tuple(v) for k, v in out.items()}

        return cls(
            result,
            fictional,
            index(result.column("region")),
            index([f.region for f in result.published]),
        )

    def covers(self, regions: Sequence[str]) -> bool:
        return all(code in self.result.regions for code in regions)

    def subset(self, regions: Sequence[str]) -> IndicatorResult:
        """The result as a computation for ``regions`` (in that order) gives it."""
        res = self.result
        codes = tuple(regions)
        take = [i for code in codes for i in self.rows.get(code, ())]
        published = sorted(i for code in set(codes) for i in self.published.get(code, ()))
        return dataclasses.replace(
            res,
            regions=codes,
            table=res.table.take(pa.array(take, type=pa.int64())),
            # published figures in their file order, as ``find`` lists them
            published=tuple(res.published[i] for i in published),
            # standing targets ('*') are expanded per asked region, in the asked order
            targets=tuple(
                find(
                    res.indicator.id,
                    list(codes),
                    None,
                    res.profile_set,
                    kind="demo_target" if self.fictional else "target",
                )
            ),
            missing=tuple(m for code in codes for m in res.missing if m[0] == code),
            region_names={c: res.region_names[c] for c in codes if c in res.region_names},
        )


def batched(
    batches: LruCache[RegionBatch],
    key: tuple[object, ...],
    all_regions: Sequence[str],
    compute_all: Callable[[tuple[str, ...]], IndicatorResult],
    *,
    fictional: bool,
) -> RegionBatch:
    """The batch of ``key`` (indicator, years, profile set), computed once for all regions."""
    return batches.get_or_make(
        key, lambda: RegionBatch.of(compute_all(tuple(all_regions)), fictional=fictional)
    )
