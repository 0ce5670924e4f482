"""Achievable memory bandwidth: copy a buffer far larger than the L2 cache from one place in HBM to another."""

from .timing import median_and_best, time_ms


def measure(torch, device, nbytes: int, iterations: int, warmup: int = 3) -> dict:
    src = torch.empty(nbytes, dtype=torch.uint8, device=device)
    src.random_(0, 256)
    dst = torch.empty_like(src)
    try:
        samples = time_ms(torch, lambda: dst.copy_(src), iterations, warmup)
    finally:
        del src, dst
        torch.cuda.empty_cache()
    median_ms, best_ms = median_and_best(samples)
    # Each copy reads nbytes and writes nbytes: 2 × nbytes cross the memory bus.
    return {
        "gb_s_median": 2 * nbytes / (median_ms / 1e3) / 1e9,
        "gb_s_best": 2 * nbytes / (best_ms / 1e3) / 1e9,
    }
