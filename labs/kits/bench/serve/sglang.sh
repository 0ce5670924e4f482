#!/usr/bin/env bash
# Serve Qwen3-4B (AWQ) with SGLang on one GPU with 16 GB or more.
# Written against SGLang 0.5.21 (pip install "sglang==0.5.21"); flag names checked in its server-arguments docs.
# `python -m sglang.launch_server --help` is the authority for your version. Then benchmark with:
#   node bench.mjs --url http://127.0.0.1:30000 --model qwen3-4b --shape chat --concurrency 1,4,16
set -euo pipefail

MODEL="${MODEL:-Qwen/Qwen3-4B-AWQ}"
NAME="${NAME:-qwen3-4b}"
PORT="${PORT:-30000}"                  # SGLang's default port
MAX_LEN="${MAX_LEN:-8192}"             # --context-length: prompt + output tokens per request
MEM="${MEM:-0.85}"                     # --mem-fraction-static: share of GPU memory for weights + KV pool (default 0.9)

# SGLang's prefix cache is its radix tree, on by default (--disable-radix-cache turns it off).
# Chunked prefill is on by default; --chunked-prefill-size sets the most prompt tokens per step.
exec python -m sglang.launch_server \
  --model-path "$MODEL" \
  --served-model-name "$NAME" \
  --host 127.0.0.1 \
  --port "$PORT" \
  --context-length "$MAX_LEN" \
  --mem-fraction-static "$MEM" \
  --chunked-prefill-size 8192
