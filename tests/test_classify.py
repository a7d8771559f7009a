"""Class breaks for graduated colours, against mapclassify's (what GeoDataFrame.explore's
scheme= uses): the same breaks for quantiles, equal interval and Fisher-Jenks."""

from __future__ import annotations

import warnings

import mapclassify
import numpy as np
import pytest

from yangpu_gis.model.classify import (
    EQUAL_INTERVAL,
    JENKS_SAMPLE,
    NATURAL_BREAKS,
    QUANTILES,
    class_edges,
    classify,
    is_numeric,
    numeric,
)


def samples():
    rng = np.random.default_rng(20261202)
    yield "normal", rng.normal(50, 10, 200)
    yield "lognormal areas", rng.lognormal(2, 1, 300)
    yield "integers with ties", rng.integers(0, 40, 250).astype(float)
    yield "two clusters", np.concatenate([rng.normal(5, 1, 100), rng.normal(80, 5, 60)])


def sse(y, uppers) -> float:
    classes = np.searchsorted(uppers, y, side="left")
    return float(sum(((y[classes == c] - y[classes == c].mean()) ** 2).sum() for c in set(classes)))


@pytest.mark.parametrize("name, y", list(samples()))
@pytest.mark.parametrize("k", [3, 5, 7])
def test_breaks_match_mapclassify(name, y, k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns when ties leave fewer classes
        quantiles = mapclassify.Quantiles(y, k=k).bins
        equal = mapclassify.EqualInterval(y, k=k).bins
        jenks = mapclassify.FisherJenks(y, k=k).bins
        kmeans = mapclassify.NaturalBreaks(y, k=k).bins
    assert class_edges(y, QUANTILES, k)[1:] == pytest.approx(quantiles)
    assert class_edges(y, EQUAL_INTERVAL, k)[1:] == pytest.approx(equal)
    ours = np.array(class_edges(y, NATURAL_BREAKS, k)[1:])
    # mapclassify's Fisher-Jenks sums in float32: where it ends elsewhere, ours fits better.
    if len(ours) != len(jenks) or not np.allclose(ours, jenks):
        assert sse(y, ours) <= sse(y, jenks) * (1 + 1e-6)
    assert sse(y, ours) <= sse(y, kmeans) * (1 + 1e-6)  # the optimum, k-means a local one
    for scheme in (QUANTILES, EQUAL_INTERVAL, NATURAL_BREAKS):
        edges = class_edges(y, scheme, k)
        assert edges[0] == y.min() and edges[-1] == y.max()
        assert list(edges) == sorted(edges)


def test_the_same_class_as_mapclassify_gives_each_value():
    y = np.random.default_rng(1).lognormal(2, 1, 500)
    edges = class_edges(y, QUANTILES, 5)
    assert (classify(y, edges) == mapclassify.Quantiles(y, k=5).yb).all()


def test_most_distinct_values_are_sampled_for_jenks_and_it_still_separates_clusters():
    rng = np.random.default_rng(7)
    y = np.concatenate([rng.normal(10, 1, 50_000), rng.normal(100, 2, 50_000)])
    assert len(np.unique(y)) > JENKS_SAMPLE
    edges = class_edges(y, NATURAL_BREAKS, 2)
    assert 12 < edges[1] < 95  # the break falls between the two clusters


def test_few_values_missing_values_and_text():
    assert class_edges([3, 3, 3], QUANTILES, 5) == (3.0, 3.0)
    assert class_edges([1, 2, 2, 2], NATURAL_BREAKS, 5) == (1.0, 1.0, 2.0)
    assert len(class_edges([1, 1, 1, 1, 9], QUANTILES, 4)) == 3  # ties: fewer classes
    values = [1.0, None, float("nan"), "x", 5.0, True]
    assert np.isnan(numeric(values)[[1, 2, 3, 5]]).all()
    assert list(classify(values, (1.0, 3.0, 5.0))) == [0, -1, -1, -1, 1, -1]
    assert list(classify([-10, 99], (1.0, 3.0, 5.0))) == [0, 1]  # beyond: the end classes
    assert is_numeric(np.array([1, None, 2.5], dtype=object))
    assert not is_numeric(np.array(["1", "2"], dtype=object))
    assert not is_numeric(np.array([True, False]))
    with pytest.raises(ValueError, match="no numbers"):
        class_edges(["a", None], QUANTILES, 3)
    with pytest.raises(ValueError, match="scheme"):
        class_edges([1, 2], "jenks", 3)
    with pytest.raises(ValueError, match="classes"):
        class_edges([1, 2], QUANTILES, 1)
