"""Timing helpers shared by the benchmarks: spreads over repeats, and a figure beside its baseline.

A figure and its baseline are timed in turns (figure, baseline, figure, …), so that a change in
the machine's load during the run falls on both halves alike; the ratio is of the medians.
"""

import statistics
import time
from collections.abc import Callable


def timings(fn: Callable[[], object], *, repeat: int = 15, warmup: int = 2) -> list[float]:
    """Wall-clock seconds of `repeat` runs of `fn()`, after `warmup` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def paired_timings(
    fn: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int = 15,
    warmup: int = 2,
) -> tuple[list[float], list[float]]:
    """Time `fn` and `baseline` in turns; return both lists of seconds."""
    for _ in range(warmup):
        fn()
        baseline()
    times, baseline_times = [], []
    for _ in range(repeat):
        for run, into in ((fn, times), (baseline, baseline_times)):
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
    return times, baseline_times


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, warmup: int = 2) -> float:
    """Median wall-clock time of `fn()` over `repeat` runs, after `warmup` untimed runs."""
    return statistics.median(timings(fn, repeat=repeat, warmup=warmup))


def spread(times: list[float]) -> str:
    """min / median / max in milliseconds."""
    ms = [t * 1000 for t in times]
    return f"{min(ms):8.2f} {statistics.median(ms):8.2f} {max(ms):8.2f}"


def report(
    name: str,
    times: list[float],
    *,
    label: str = "page",
    baseline_name: str,
    baseline_times: list[float],
) -> None:
    """Print a figure and its baseline (min, median and max in ms) and the ratio of medians."""
    baseline = statistics.median(baseline_times)
    ratio = statistics.median(times) / baseline if baseline else float("inf")
    print(f"   {name}")
    print(f"      {label:<44} {spread(times)} ms (min median max)")
    print(f"      {baseline_name:<44} {spread(baseline_times)} ms   ratio {ratio:5.1f}x")
