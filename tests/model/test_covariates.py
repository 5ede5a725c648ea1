"""Covariate builders."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.model import (
    ModelInputError,
    combine,
    dummies,
    log_size,
    numeric,
    offer_breadth,
    share,
)


def test_dummies_drop_the_most_frequent_level() -> None:
    block = dummies("region", ["zuid", "noord", "zuid", "west"])
    assert block.names == ("region=noord", "region=west")
    assert block.values.tolist() == [[0, 0], [1, 0], [0, 0], [0, 1]]
    explicit = dummies("region", ["zuid", "noord"], reference="noord")
    assert explicit.names == ("region=zuid",)
    with pytest.raises(ModelInputError, match="does not occur"):
        dummies("region", ["zuid"], reference="oost")
    assert dummies("u", ["a", "a"]).values.shape == (2, 0)


def test_numeric_share_and_size() -> None:
    assert log_size([0, np.e - 1]).values[:, 0].tolist() == pytest.approx([0.0, 1.0])
    assert share("lwoo", [0.0, 0.3, 1.0]).names == ("lwoo",)
    with pytest.raises(ModelInputError, match=r"shares in \[0, 1\]"):
        share("lwoo", [0.2, 1.2])
    with pytest.raises(ModelInputError, match="finite"):
        numeric("density", [1.0, np.nan])
    with pytest.raises(ModelInputError, match="one value per location"):
        numeric("density", [[1.0]])
    with pytest.raises(ModelInputError, match=">= 0"):
        log_size([-1])


def test_offer_breadth() -> None:
    offer = np.array([[True, True, False], [True, True, True]])
    assert offer_breadth(offer).values[:, 0].tolist() == [2, 3]
    many = offer_breadth(offer, many=3)
    assert many.names == ("n_profiles>=3",)
    assert many.values[:, 0].tolist() == [0, 1]


def test_combine() -> None:
    block = combine(numeric("a", [1, 2]), dummies("r", ["x", "y", "y"][:2], reference="x"))
    assert block.names == ("a", "r=y")
    assert block.values.shape == (2, 2)
    with pytest.raises(ModelInputError, match="unique"):
        combine(numeric("a", [1, 2]), numeric("a", [3, 4]))
    with pytest.raises(ModelInputError, match="different numbers of rows"):
        combine(numeric("a", [1, 2]), numeric("b", [3]))
    with pytest.raises(ModelInputError, match="at least one"):
        combine()
