"""The pure helpers of benchmarks/run.py: the spread, the growth verdict and the goal verdict. No timing here."""

import importlib.util
import sys
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).parents[1] / "benchmarks" / "run.py")
run = sys.modules["bench_run"] = importlib.util.module_from_spec(spec)  # dataclasses look the module up
spec.loader.exec_module(run)


def test_quartiles_are_the_inclusive_first_and_third():
    assert run.quartiles([5.0, 1.0, 3.0, 2.0, 4.0]) == (2.0, 4.0)
    assert run.quartiles([1.0, 2.0]) == (1.25, 1.75)
    assert run.quartiles([7.0]) == (7.0, 7.0)


@pytest.mark.parametrize("large, verdict", [(1.0, "flat"), (run.FLAT, "flat"), (run.FLAT + 0.01, "grows")])
def test_growth_is_flat_up_to_the_stated_factor(large, verdict):
    factor, said = run.growth(1.0, large)
    assert factor == pytest.approx(large) and said == verdict


@pytest.mark.parametrize("ratios, verdict", [
    ([1.00, 1.02, 1.04, 1.06, 1.08], "met"),      # every pair under 1.1
    ([1.05, 1.07, 1.09, 1.12, 1.14], "met?"),     # median under, the goal inside the IQR
    ([1.06, 1.08, 1.11, 1.13, 1.15], "missed?"),  # median over, the goal inside the IQR
    ([1.20, 1.22, 1.25, 1.30, 1.31], "missed"),
])
def test_a_ratio_goal_is_judged_on_the_median_and_flagged_inside_the_spread(ratios, verdict):
    assert run.judge(run.Goal(ratio=1.1), ratios, [0.3] * 5, 40) == verdict


def test_an_absolute_goal_needs_both_time_and_memory():
    goal = run.Goal(seconds=5, mib=250)
    assert run.judge(goal, [9.0] * 3, [3.0, 3.5, 4.0], 200) == "met"
    assert run.judge(goal, [9.0] * 3, [3.0, 3.5, 4.0], 300) == "missed"
    assert run.judge(goal, [9.0] * 3, [5.5, 6.0, 6.5], 200) == "missed"
