"""The choice of λ in scripts/fit_mail_weights.py: the one-standard-error rule written before it was run
(docs/benchmarks.md, round 23)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fit_mail_weights.py"


@pytest.fixture(scope="module")
def fit():
    spec = importlib.util.spec_from_file_location("fit_mail_weights", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fit_mail_weights", module)
    spec.loader.exec_module(module)
    return module


def trial(lam: float, criterion: float, error: float):
    return lam, criterion, error, np.array([lam])


def test_the_largest_lambda_within_one_standard_error_of_the_best_is_chosen(fit):
    trials = [trial(0.0001, 0.970, 0.004), trial(0.0003, 0.968, 0.004), trial(0.001, 0.967, 0.004),
              trial(0.003, 0.950, 0.004)]
    lam, out_of_fold = fit.one_standard_error(trials)
    assert lam == 0.001  # 0.967 ≥ 0.970 − 0.004; 0.950 is not
    assert out_of_fold.tolist() == [0.001]  # the chosen λ's own out-of-fold scores


def test_the_best_standard_error_decides_not_the_candidate_s(fit):
    trials = [trial(0.0001, 0.970, 0.001), trial(0.001, 0.960, 0.050)]
    assert fit.one_standard_error(trials)[0] == 0.0001


def test_ties_go_to_the_largest_lambda(fit):
    trials = [trial(0.0001, 0.97, 0.0), trial(0.01, 0.97, 0.0)]
    assert fit.one_standard_error(trials)[0] == 0.01


def test_the_criterion_averages_within_a_unit_then_over_units(fit):
    class Item:
        def __init__(self, category: str) -> None:
            self.category = category

    items = [Item("phishing"), Item("phishing"), Item("phishing-fr-text"), Item("fr-leurre"), Item("ham")]
    flagged = np.array([True, False, True, False, False])
    unit = {"phishing": "phishing", "phishing-fr-text": "phishing-fr-text", "fr-leurre": "phishing-fr-text", "ham": "ham"}
    positive = {"phishing", "phishing-fr-text", "fr-leurre"}
    everything = np.ones(5, dtype=bool)
    # phishing 1/2; French unit (1 + 0) / 2: mean 0.5
    assert fit.mean_unit_recall(flagged, items, positive, unit, everything) == pytest.approx(0.5)
    # one fold holding only the first phishing message and the real French text: (1 + 1) / 2
    assert fit.mean_unit_recall(flagged, items, positive, unit, np.array([True, False, True, False, False])) == 1.0
