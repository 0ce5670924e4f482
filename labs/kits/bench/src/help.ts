// Help texts; `node bench.mjs <command> --help` prints one.
import { KIT_VERSION } from './version.ts';

export const TOP_HELP = `bench ${KIT_VERSION} — benchmark an OpenAI-compatible inference server (vLLM, SGLang, llama.cpp, Ollama)

Usage: node bench.mjs [run] [flags]          measure latency and throughput (the default command)
       node bench.mjs parity [flags]         accuracy on a fixed eval set; agreement with an earlier run
       node bench.mjs cost --usd-per-hour X results.jsonl
       node bench.mjs compare a.jsonl b.jsonl
       node bench.mjs <command> --help

Metrics follow vLLM's \`bench serve\`: TTFT to the first chunk with generated text, TPOT = (E2E − TTFT) / (output
tokens − 1), ITL = every gap between chunks, output tokens from the server's usage report; percentiles
interpolate linearly between order statistics (numpy's default). Results are appended as bench-result/v1 lines.`;

export const RUN_HELP = `node bench.mjs run — measure a server under load; one result line per load level

  --url URL              server address (default http://127.0.0.1:8000; a trailing /v1 is fine)
  --model ID             model to request (default: the server's only model)
  --shape S              chat | agent | batch | embedding (default chat)
                           chat: /v1/chat/completions, 512 → 128 tokens
                           agent: chat with a long prompt, 75% of it shared by every request (prefix caching pays), 2048 → 64
                           batch: /v1/completions, 1024 → 256      embedding: /v1/embeddings, 256 tokens
  --endpoint E           chat | completions | embeddings (default: the shape's)
  --prompt-length N      prompt tokens (approximate: common words, one token each in BPE vocabularies)
  --output-length N      tokens to generate (the kit sends ignore_eos and min_tokens so vLLM/SGLang produce exactly N)
  --concurrency N[,N…]   requests in flight; a list sweeps the levels (default 1)
  --rate R[,R…]          open loop instead: requests per second (gamma-distributed gaps)
  --burstiness B         with --rate: 1 = Poisson (default), < 1 burstier, > 1 steadier
  --iters N              measured requests per level (default 100)
  --warmup N             unmeasured requests before each level (default 8)
  --seed N               prompt and arrival seed (default 0)
  --slo-ttft MS          SLO for goodput: TTFT at most MS milliseconds
  --slo-tpot MS          SLO for goodput: TPOT at most MS milliseconds
  --out FILE             results file, appended to (default results.jsonl)
  --detail FILE          also append one line per request (response id, TTFT, TPOT, ITLs, tokens)
  --timeout S            per-request limit in seconds (default 600)
  --api-key KEY          bearer token (default: $OPENAI_API_KEY)
  --no-ignore-eos        let the model stop at end-of-sequence
  --quiet                no progress on stderr

Ctrl-C stops the run and writes what was measured, marked "incomplete": true. Exit status: 0 done, 1 server
problem or nothing completed, 2 bad flags, 130 interrupted.`;

export const PARITY_HELP = `node bench.mjs parity — accuracy on the kit's fixed eval set (greedy, few-shot, /v1/completions)

  --url URL          server address (default http://127.0.0.1:8000)
  --model ID         model (default: the server's only model)
  --concurrency N    questions in flight (default 8)
  --baseline FILE    an earlier results file with a parity line: report how many answers changed
  --out FILE         results file, appended to (default results.jsonl)
  --timeout S        per-request limit in seconds (default 120)
  --api-key KEY      bearer token (default: $OPENAI_API_KEY)`;

export const COST_HELP = `node bench.mjs cost --usd-per-hour X results.jsonl — $ per million tokens for each line

  --usd-per-hour X   what the GPU (or node) costs per hour, in US dollars
  --json             print each line with its cost field added, as JSON lines

$/MTok = $/h ÷ (output tokens/s × 3600) × 10⁶ (prompt tokens for embeddings).`;

export const COMPARE_HELP = `node bench.mjs compare a.jsonl b.jsonl — did run b reproduce run a?

Lines are matched by workload (shape, lengths, load); for each match every headline metric (TTFT, TPOT and
E2E percentiles, throughputs, goodput, peak GPU memory) must be within the tolerance. Exit 0 when all are.

  --tolerance F      relative tolerance (default 0.05, i.e. ±5%)
  --json             machine-readable output`;
