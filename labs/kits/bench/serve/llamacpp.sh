#!/usr/bin/env bash
# Serve Qwen3-4B (GGUF Q4_K_M, about 2.5 GB) with llama.cpp's llama-server on one GPU with 16 GB or more.
# Written against llama.cpp builds from 2026 (b8600 and later); `llama-server --help` is the authority for yours.
# Then benchmark with:
#   node bench.mjs --url http://127.0.0.1:8080 --model qwen3-4b --shape chat --concurrency 1,4
set -euo pipefail

MODEL="${MODEL:-Qwen/Qwen3-4B-GGUF:Q4_K_M}"   # -hf downloads repo:quant from Hugging Face on first use
NAME="${NAME:-qwen3-4b}"
PORT="${PORT:-8080}"                           # llama-server's default port
SLOTS="${SLOTS:-4}"                            # --parallel: requests decoded together (each gets CTX/SLOTS context)
CTX="${CTX:-32768}"                            # --ctx-size: total KV cache, shared by the slots

# -ngl 99 puts every layer on the GPU. --jinja uses the model's own chat template. --metrics serves /metrics.
# Concurrency above --parallel queues in the server: sweep the kit's --concurrency up to SLOTS to compare fairly.
# llama-server reads ignore_eos (one of its sampling options), which the kit sends for exact output lengths.
exec llama-server \
  -hf "$MODEL" \
  --alias "$NAME" \
  --host 127.0.0.1 \
  --port "$PORT" \
  -ngl 99 \
  --ctx-size "$CTX" \
  --parallel "$SLOTS" \
  --jinja \
  --metrics
