#!/usr/bin/env bash
# Serve Qwen3-4B (AWQ, 4-bit weights: about 2.7 GB) with vLLM on one GPU with 16 GB or more.
# Written against vLLM 0.27.1 (pip install "vllm==0.27.1"); flag names checked in its docs. Newer releases may
# rename flags: `vllm serve --help` is the authority. Then benchmark with:
#   node bench.mjs --url http://127.0.0.1:8000 --model qwen3-4b --shape chat --concurrency 1,4,16
set -euo pipefail

MODEL="${MODEL:-Qwen/Qwen3-4B-AWQ}"   # any Hugging Face repo or local folder
NAME="${NAME:-qwen3-4b}"               # the id clients send as "model"
PORT="${PORT:-8000}"
MAX_LEN="${MAX_LEN:-8192}"             # context limit per request: prompt + output tokens
GPU_UTIL="${GPU_UTIL:-0.90}"           # share of GPU memory vLLM may take: weights + activations + the KV pool

# --max-model-len: a shorter limit than the model's 40,960 leaves more of the KV pool for concurrent requests.
# --gpu-memory-utilization: vLLM preallocates this share of the GPU at start-up and carves the KV-cache pool out of
#   what the weights leave. nvidia-smi therefore shows about this much in use whatever the load: the kit's
#   peak_gpu_memory_mib mostly reflects this setting, not the workload.
# Chunked prefill and prefix caching are on by default in vLLM's V1 engine (the only engine since V0 was
# removed); they are spelled out below so the command says what it runs. To measure without prefix caching
# (e.g. to see what it buys on the agent shape), replace --enable-prefix-caching with --no-enable-prefix-caching.
# --max-num-seqs and --max-num-batched-tokens bound the batch: at most 256 sequences and 8,192 tokens per step.
exec vllm serve "$MODEL" \
  --served-model-name "$NAME" \
  --host 127.0.0.1 \
  --port "$PORT" \
  --max-model-len "$MAX_LEN" \
  --gpu-memory-utilization "$GPU_UTIL" \
  --enable-chunked-prefill \
  --enable-prefix-caching \
  --max-num-seqs 256 \
  --max-num-batched-tokens 8192
