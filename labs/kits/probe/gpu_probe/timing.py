"""Timing GPU work with CUDA events: warm up, then time each iteration on the device itself."""

import statistics
from typing import Callable, List


def time_ms(torch, fn: Callable[[], object], iterations: int, warmup: int) -> List[float]:
    """Milliseconds per call of `fn`, measured between CUDA events around each call (host time is not counted)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(iterations)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(iterations)]
    for start, end in zip(starts, ends):
        start.record()
        fn()
        end.record()
    torch.cuda.synchronize()
    return [start.elapsed_time(end) for start, end in zip(starts, ends)]


def median_and_best(samples: List[float]) -> tuple:
    """Median and fastest of a list of times."""
    return statistics.median(samples), min(samples)
