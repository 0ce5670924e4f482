#!/usr/bin/env bash
# Serve Qwen3-4B (Ollama's qwen3:4b, Q4_K_M, about 2.6 GB) with Ollama on one GPU with 16 GB or more.
# Written against Ollama 0.12 and later; its OpenAI-compatible API is at /v1. Then benchmark with:
#   node bench.mjs --url http://127.0.0.1:11434 --model qwen3:4b --shape chat --concurrency 1,4 --no-ignore-eos
set -euo pipefail

export OLLAMA_HOST="${OLLAMA_HOST:-127.0.0.1:11434}"
export OLLAMA_NUM_PARALLEL="${OLLAMA_NUM_PARALLEL:-4}"        # requests a loaded model decodes together
export OLLAMA_CONTEXT_LENGTH="${OLLAMA_CONTEXT_LENGTH:-8192}"  # context per request
export OLLAMA_FLASH_ATTENTION="${OLLAMA_FLASH_ATTENTION:-1}"

# Ollama's OpenAI endpoint does not document ignore_eos: replies may stop at end-of-sequence, so output lengths vary. The kit records the
# real counts (from usage) and TPOT stays per token; compare runs by TPOT and throughput, not by E2E.
# Ollama batches prompt processing per model rather than continuously batching like vLLM; expect throughput to
# level off early as --concurrency rises.
ollama serve &
server=$!
trap 'kill $server' EXIT
sleep 3
ollama pull qwen3:4b
wait $server
