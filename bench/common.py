"""Timing helpers shared by the benchmarks: medians, and a figure printed beside its baseline."""

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, warmup: int = 2) -> float:
    """Median wall-clock time of `fn()` over `repeat` runs, after `warmup` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, seconds: float, *, baseline_name: str, baseline_seconds: float) -> None:
    """Print one figure beside the baseline measured in the same run, and their ratio."""
    ratio = seconds / baseline_seconds if baseline_seconds else float("inf")
    print(
        f"{name:<48} {seconds * 1000:9.2f} ms   "
        f"{baseline_name:<40} {baseline_seconds * 1000:9.2f} ms   ratio {ratio:6.1f}x"
    )
