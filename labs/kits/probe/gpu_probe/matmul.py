"""Dense matmul throughput in BF16, and in FP8 where the GPU has FP8 tensor cores (compute capability 8.9+)."""

from typing import Optional

from .timing import median_and_best, time_ms


def fp8_unsupported_reason(torch, device) -> Optional[str]:
    """Why FP8 matmuls cannot run here, or None when they can."""
    if not hasattr(torch, "float8_e4m3fn") or not hasattr(torch, "_scaled_mm"):
        return f"this PyTorch ({torch.__version__}) has no FP8 matmul (torch._scaled_mm)"
    major, minor = torch.cuda.get_device_capability(device)
    if (major, minor) < (8, 9):
        return f"FP8 tensor cores need compute capability 8.9 or newer (Ada, Hopper, Blackwell); this GPU is {major}.{minor}"
    return None


def _figures(m: int, n: int, k: int, samples) -> dict:
    median_ms, best_ms = median_and_best(samples)
    flops = 2 * m * n * k
    return {
        "tflops_median": flops / (median_ms / 1e3) / 1e12,
        "tflops_best": flops / (best_ms / 1e3) / 1e12,
    }


def measure_bf16(torch, device, m: int, n: int, k: int, iterations: int, warmup: int = 3) -> dict:
    a = torch.randn(m, k, dtype=torch.bfloat16, device=device)
    b = torch.randn(k, n, dtype=torch.bfloat16, device=device)
    try:
        samples = time_ms(torch, lambda: torch.matmul(a, b), iterations, warmup)
    finally:
        del a, b
        torch.cuda.empty_cache()
    return _figures(m, n, k, samples)


def measure_fp8(torch, device, m: int, n: int, k: int, iterations: int, warmup: int = 3) -> dict:
    a = torch.randn(m, k, device=device).to(torch.float8_e4m3fn)
    # _scaled_mm wants its second operand column-major: a transposed row-major n × k tensor is one.
    b = torch.randn(n, k, device=device).to(torch.float8_e4m3fn).t()
    scale = torch.ones((), dtype=torch.float32, device=device)

    def run():
        out = torch._scaled_mm(a, b, scale_a=scale, scale_b=scale, out_dtype=torch.bfloat16)
        return out[0] if isinstance(out, tuple) else out  # older releases also returned amax

    try:
        samples = time_ms(torch, run, iterations, warmup)
    finally:
        del a, b
        torch.cuda.empty_cache()
    return _figures(m, n, k, samples)
