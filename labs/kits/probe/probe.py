#!/usr/bin/env python3
"""Goodput GPU probe: what your GPU really achieves, to set beside the course's ceilings for it.

Measures achievable HBM bandwidth (device-to-device copies), dense matmul throughput (BF16, and FP8 where the GPU
has it) and decode step time against batch size for a model built from its config with random weights. Appends one
probe-result/v1 JSON line per measurement to the output file; the course's results page plots them against the
engine's roofline for the same model and GPU.

    python3 probe.py                        # everything, Qwen3-4B's shape, on cuda:0
    python3 probe.py --dry-run              # no torch, no GPU: prints the plan as schema-valid lines
"""

import argparse
import json
import os
import sys

from gpu_probe import KIT_VERSION, SCHEMA
from gpu_probe import models
from gpu_probe.environment import read_hardware, read_software, timestamp

PROBES = ("bandwidth", "matmul", "decode")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def int_list(text: str) -> list:
    return [positive_int(part) for part in text.split(",")]


def probe_list(text: str) -> list:
    names = text.split(",")
    for name in names:
        if name not in PROBES:
            raise argparse.ArgumentTypeError(f"unknown probe {name!r}; choose from {', '.join(PROBES)}")
    return names


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="probe-results.jsonl", help="results file, appended to (default %(default)s)")
    p.add_argument("--dry-run", action="store_true", help="plan only: no torch, no GPU; lines have status 'planned'")
    p.add_argument("--only", type=probe_list, default=list(PROBES), help="probes to run: bandwidth,matmul,decode")
    p.add_argument("--device", default="cuda:0", help="CUDA device (default %(default)s)")
    p.add_argument("--iters", type=positive_int, default=20, help="timed iterations per measurement (default 20)")
    p.add_argument("--bandwidth-mib", type=positive_int, default=1024, help="copy size in MiB (default 1024)")
    p.add_argument("--matmul-size", type=positive_int, default=8192, help="m = n = k of the matmul (default 8192)")
    p.add_argument("--model", default="qwen3-4b", help=f"bundled config: {', '.join(models.bundled_ids())}")
    p.add_argument("--config", help="or a Hugging Face config.json of your own")
    p.add_argument("--batches", type=int_list, default=[1, 2, 4, 8, 16, 32, 64], help="decode batch sizes")
    p.add_argument("--context", type=positive_int, default=512, help="KV-cache tokens per sequence (default 512)")
    return p.parse_args(argv)


class Recorder:
    """Appends validated-shape lines to the results file and says what it measured."""

    def __init__(self, path: str, dry_run: bool, hardware: dict, software: dict):
        self.path, self.dry_run, self.hardware, self.software = path, dry_run, hardware, software
        self.count = 0

    def write(self, kind: str, status: str, reason, iterations: int, fields: dict):
        line = {
            "schema": SCHEMA,
            "timestamp": timestamp(),
            "dry_run": self.dry_run,
            "status": status,
            "reason": reason,
            "hardware": self.hardware,
            "software": self.software,
            "iterations": iterations,
            "kind": kind,
            **fields,
        }
        prefix = ""
        if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
            with open(self.path, "rb") as f:
                f.seek(-1, os.SEEK_END)
                prefix = "" if f.read(1) == b"\n" else "\n"
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(prefix + json.dumps(line) + "\n")
        self.count += 1
        shown = {k: v for k, v in fields.items() if k != "model"}
        print(f"{kind} [{status}] {json.dumps(shown)}{' — ' + reason if reason else ''}", file=sys.stderr)


def plan(args, rec: Recorder, model: dict):
    """A dry run: the lines a real run would write, with no figures."""
    nbytes = args.bandwidth_mib * 2**20
    size = args.matmul_size
    if "bandwidth" in args.only:
        rec.write("hbm_bandwidth", "planned", None, args.iters, {"bytes": nbytes, "gb_s_median": None, "gb_s_best": None})
    if "matmul" in args.only:
        for dtype in ("bf16", "fp8"):
            rec.write("matmul", "planned", None, args.iters, {"dtype": dtype, "m": size, "n": size, "k": size, "tflops_median": None, "tflops_best": None})
    if "decode" in args.only:
        for batch in args.batches:
            rec.write("decode_step", "planned", None, args.iters, decode_fields(model, batch, args.context, None))


def decode_fields(model: dict, batch: int, context: int, figures):
    return {
        "model": {"id": model["id"], "name": model["name"], "config": model["config"]},
        "weight_precision": "bf16",
        "batch": batch,
        "context": context,
        "step_ms_median": figures["step_ms_median"] if figures else None,
        "step_ms_best": figures["step_ms_best"] if figures else None,
    }


def measure(args, rec: Recorder, model: dict, torch, device):
    from gpu_probe import bandwidth, matmul

    def failed(e: BaseException) -> str:
        return f"{type(e).__name__}: {e}".strip()

    if "bandwidth" in args.only:
        nbytes = args.bandwidth_mib * 2**20
        try:
            figures = bandwidth.measure(torch, device, nbytes, args.iters)
            rec.write("hbm_bandwidth", "ok", None, args.iters, {"bytes": nbytes, **figures})
        except Exception as e:  # a probe that fails is recorded, and the others still run
            rec.write("hbm_bandwidth", "failed", failed(e), args.iters, {"bytes": nbytes, "gb_s_median": None, "gb_s_best": None})
    if "matmul" in args.only:
        size = args.matmul_size
        shape = {"m": size, "n": size, "k": size}
        empty = {"tflops_median": None, "tflops_best": None}
        try:
            rec.write("matmul", "ok", None, args.iters, {"dtype": "bf16", **shape, **matmul.measure_bf16(torch, device, size, size, size, args.iters)})
        except Exception as e:
            rec.write("matmul", "failed", failed(e), args.iters, {"dtype": "bf16", **shape, **empty})
        why_not = matmul.fp8_unsupported_reason(torch, device)
        if why_not:
            rec.write("matmul", "skipped", why_not, args.iters, {"dtype": "fp8", **shape, **empty})
        else:
            try:
                rec.write("matmul", "ok", None, args.iters, {"dtype": "fp8", **shape, **matmul.measure_fp8(torch, device, size, size, size, args.iters)})
            except Exception as e:
                rec.write("matmul", "failed", failed(e), args.iters, {"dtype": "fp8", **shape, **empty})
    if "decode" in args.only:
        measure_decode(args, rec, model, torch, device, failed)


def measure_decode(args, rec, model, torch, device, failed):
    from gpu_probe import decode

    try:
        import transformers
    except ImportError as e:
        for batch in args.batches:
            rec.write("decode_step", "skipped", f"transformers is not installed ({e})", args.iters, decode_fields(model, batch, args.context, None))
        return
    try:
        net, config = decode.build_model(torch, transformers, model["values"], device)
    except Exception as e:
        for batch in args.batches:
            rec.write("decode_step", "failed", f"could not build the model: {failed(e)}", args.iters, decode_fields(model, batch, args.context, None))
        return
    out_of_memory = None
    for batch in args.batches:
        if out_of_memory:
            rec.write("decode_step", "skipped", f"out of memory already at batch {out_of_memory}", args.iters, decode_fields(model, batch, args.context, None))
            continue
        try:
            figures = decode.measure_step(torch, transformers, net, config, device, batch, args.context, args.iters)
            rec.write("decode_step", "ok", None, args.iters, decode_fields(model, batch, args.context, figures))
        except torch.cuda.OutOfMemoryError:
            torch.cuda.empty_cache()
            out_of_memory = batch
            rec.write("decode_step", "skipped", f"out of GPU memory: the weights and a {args.context}-token cache for {batch} sequences do not fit", args.iters, decode_fields(model, batch, args.context, None))
        except Exception as e:
            rec.write("decode_step", "failed", failed(e), args.iters, decode_fields(model, batch, args.context, None))


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        model = models.load(None if args.config else args.model, args.config)
    except models.ConfigError as e:
        print(f"probe: {e}", file=sys.stderr)
        return 2
    software = read_software(KIT_VERSION)
    if args.dry_run:
        rec = Recorder(args.out, True, read_hardware(), software)
        plan(args, rec, model)
        print(f"Dry run: {rec.count} planned lines appended to {args.out}", file=sys.stderr)
        return 0
    try:
        import torch
    except ImportError:
        print("probe: PyTorch is not installed. Install it (see requirements.txt), or try --dry-run.", file=sys.stderr)
        return 1
    if not torch.cuda.is_available():
        print("probe: PyTorch sees no CUDA GPU here; nothing to measure. --dry-run shows what would run.", file=sys.stderr)
        return 1
    device = torch.device(args.device)
    rec = Recorder(args.out, False, read_hardware(torch, device.index or 0), software)
    measure(args, rec, model, torch, device)
    print(f"{rec.count} lines appended to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
