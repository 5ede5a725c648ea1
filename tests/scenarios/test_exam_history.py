"""Starters and stoppers in the exam history (synthetic arrays in the reader's layout)."""

from __future__ import annotations

import numpy as np

from kansrijk.scenarios.exam_history import SECTORS, ExamHistory, detect_events

YEARS = (2014, 2015, 2016, 2017, 2018, 2019)


def _history(series: dict[str, list[tuple[float, float]]]) -> ExamHistory:
    """series: location -> per year (techniek, economie) candidates, boys only."""
    locs = tuple(series)
    cand = np.zeros((2, len(locs), len(YEARS), len(SECTORS)))
    for i, loc in enumerate(locs):
        for t, (tech, eco) in enumerate(series[loc]):
            cand[0, i, t, 0] = tech
            cand[0, i, t, 1] = eco
    starts, stops = detect_events(cand, YEARS)
    return ExamHistory(
        locs,
        YEARS,
        cand,
        ("",) * len(locs),
        starts={locs[i]: y for i, y in starts.items()},
        stops={locs[i]: y for i, y in stops.items()},
    )


def test_a_start_needs_two_quiet_years_with_candidates() -> None:
    h = _history(
        {
            "START": [(0, 20), (0, 22), (0, 21), (8, 20), (9, 19), (10, 20)],
            "ONEYEAR": [(0, 0), (0, 20), (6, 20), (7, 20), (7, 20), (7, 20)],
            "ALWAYS": [(5, 20)] * 6,
            "STOP": [(5, 20), (6, 20), (4, 20), (0, 20), (0, 21), (0, 22)],
            "LATESTOP": [(5, 20)] * 5 + [(0, 20)],
        }
    )
    assert h.starts == {"START": 2017}
    assert h.stops == {"STOP": 2016}
    assert h.offers_techniek()[0].tolist() == [False, False, False, True, True, True]


def test_until_redetects_events_on_the_earlier_years() -> None:
    h = _history({"START": [(0, 20), (0, 22), (0, 21), (0, 20), (9, 19), (10, 20)]})
    assert h.starts == {"START": 2018}
    early = h.until(2017)
    assert early.years == (2014, 2015, 2016, 2017)
    assert early.starts == {}
    assert early.candidates.shape == (2, 1, 4, len(SECTORS))


def test_green_and_sectors_before_start() -> None:
    cand = np.zeros((2, 2, len(YEARS), len(SECTORS)))
    cand[1, 0, :, SECTORS.index("landbouw")] = 30  # girls, green school
    cand[1, 0, :, SECTORS.index("zorg_welzijn")] = 10
    cand[0, 1, :, SECTORS.index("economie")] = 10
    cand[0, 1, 3:, 0] = 5
    starts, stops = detect_events(cand, YEARS)
    h = ExamHistory(("G", "S"), YEARS, cand, ("", ""), {"S": starts[1]}, {})
    assert h.green().tolist() == [True, False]
    assert h.non_tech_sectors_before_start() == {"S": 1}
    assert starts == {1: 2017} and stops == {}
