// What every field of a bench-result/v1 line means, in the benchmark-template chapter's words. A test walks the
// zod schema in src/engine/results.ts and fails when a field is added there without a line here (or removed).

export interface FieldDoc {
  /** Dotted path in the JSON line; a latency summary (p50/p95/p99/mean) counts as one field. */
  path: string;
  meaning: string;
}

export interface FieldGroup {
  title: string;
  /** Why this group matters for reproducing the run. */
  why: string;
  fields: FieldDoc[];
}

export const BENCH_FIELD_GROUPS: readonly FieldGroup[] = [
  {
    title: 'Identity of the line',
    why: 'Lets tools recognise the format and order runs in time.',
    fields: [
      { path: 'schema', meaning: 'Always "bench-result/v1"; a reader rejects any other value.' },
      { path: 'timestamp', meaning: 'When the measurement finished (ISO 8601).' },
      {
        path: 'incomplete',
        meaning: 'Present and true when the run was interrupted; comparisons leave such lines out.',
      },
    ],
  },
  {
    title: 'Hardware',
    why: 'A different card, driver or CUDA release is a different experiment.',
    fields: [
      { path: 'hardware.gpu_name', meaning: 'GPU model as nvidia-smi reports it; null where it could not be read.' },
      { path: 'hardware.gpu_memory_mib', meaning: 'Total memory of one GPU in MiB, as nvidia-smi reports it.' },
      { path: 'hardware.gpu_count', meaning: 'GPUs visible to the server.' },
      { path: 'hardware.driver', meaning: 'NVIDIA driver version.' },
      { path: 'hardware.cuda', meaning: 'CUDA version the driver supports.' },
    ],
  },
  {
    title: 'Software',
    why: 'Engines change defaults between releases; the version is part of the result.',
    fields: [
      {
        path: 'software.runtime',
        meaning: 'The serving engine (vLLM, SGLang, llama.cpp, Ollama, or the practice server).',
      },
      { path: 'software.runtime_version', meaning: 'Its version, as the server reports it.' },
      { path: 'software.kit_version', meaning: 'Version of the bench kit that measured the run.' },
      { path: 'software.model', meaning: 'The model id the server served.' },
    ],
  },
  {
    title: 'Your code',
    why: 'Ties the number to the exact scripts and flags that produced it.',
    fields: [
      {
        path: 'git.commit',
        meaning: 'Commit of the directory the kit ran in (your serving scripts), if it is a repository.',
      },
      {
        path: 'git.dirty',
        meaning: 'True when that directory had uncommitted changes — a run nobody can check out again.',
      },
    ],
  },
  {
    title: 'Workload',
    why: 'Two lines compare only when their workloads match: same shape, lengths and load.',
    fields: [
      {
        path: 'workload.shape',
        meaning: 'chat, agent, batch or embedding: which prompt mix and endpoint the kit used.',
      },
      { path: 'workload.endpoint', meaning: 'The API route: chat completions, completions or embeddings.' },
      { path: 'workload.prompt_tokens', meaning: 'Prompt length requested per request, in tokens.' },
      { path: 'workload.output_tokens', meaning: 'Output length requested per request, in tokens.' },
      { path: 'workload.concurrency', meaning: 'Requests kept in flight (closed loop); null for an open-loop run.' },
      {
        path: 'workload.rate_req_s',
        meaning: 'Arrival rate of an open-loop run, requests per second; null when closed loop.',
      },
      { path: 'workload.burstiness', meaning: 'Shape of open-loop arrival gaps: 1 is Poisson, below 1 burstier.' },
      { path: 'workload.iterations', meaning: 'Requests measured at this load level.' },
      {
        path: 'workload.warmup',
        meaning: 'Requests sent first and not measured (compilation, graph capture, caches).',
      },
      {
        path: 'workload.seed',
        meaning: 'Seed of the prompts and arrival times: the same seed sends the same requests.',
      },
      { path: 'workload.slo', meaning: 'TTFT and TPOT targets in milliseconds that goodput is counted against.' },
    ],
  },
  {
    title: 'Results',
    why: 'The measurements, defined as vLLM’s bench serve defines them.',
    fields: [
      { path: 'results.completed', meaning: 'Requests that finished.' },
      { path: 'results.failed', meaning: 'Requests that errored, timed out or broke off mid-stream.' },
      { path: 'results.duration_s', meaning: 'Wall time of the measured part of the run, in seconds.' },
      { path: 'results.ttft_ms', meaning: 'Time to first token: from sending to the first chunk with generated text.' },
      {
        path: 'results.tpot_ms',
        meaning: 'Time per output token: (end-to-end − TTFT) ÷ (output tokens − 1), per request.',
      },
      {
        path: 'results.itl_ms',
        meaning: 'Inter-token latency: every gap between streamed chunks, pooled over requests.',
      },
      { path: 'results.e2e_ms', meaning: 'End-to-end latency: from sending to the last token.' },
      {
        path: 'results.output_throughput_tok_s',
        meaning: 'Output tokens per second over the run (the $/MTok denominator).',
      },
      { path: 'results.total_token_throughput_tok_s', meaning: 'Prompt plus output tokens per second.' },
      { path: 'results.request_throughput_req_s', meaning: 'Completed requests per second.' },
      { path: 'results.goodput_req_s', meaning: 'Completed requests per second that met every SLO in workload.slo.' },
    ],
  },
  {
    title: 'Memory, accuracy and cost',
    why: 'An optimization that saves time but changes answers, or costs more, is not a win.',
    fields: [
      { path: 'peak_gpu_memory_mib', meaning: 'Highest GPU memory in use during the run, sampled from nvidia-smi.' },
      { path: 'parity.eval', meaning: 'Name of the fixed eval set the parity check used.' },
      { path: 'parity.n', meaning: 'Questions in it.' },
      { path: 'parity.accuracy', meaning: 'Share answered correctly (greedy decoding).' },
      { path: 'parity.agreement', meaning: 'Share of answers identical to a baseline run’s; null without a baseline.' },
      {
        path: 'parity.answers',
        meaning: 'Each question’s extracted answer, so a later run can measure agreement with this one.',
      },
      { path: 'cost.usd_per_hour', meaning: 'The price you gave for the GPU or node, per hour.' },
      { path: 'cost.usd_per_mtok', meaning: 'That price ÷ (output tokens per second × 3,600) × 10⁶.' },
    ],
  },
  {
    title: 'What went wrong, and what the client saw',
    why: 'A run with failures or a struggling client measures something else; these say how much to trust it.',
    fields: [
      { path: 'failures.http', meaning: 'Requests the server answered with an HTTP error.' },
      { path: 'failures.timeout', meaning: 'Requests that passed the per-request time limit.' },
      { path: 'failures.stream', meaning: 'Streams that broke off before the last token.' },
      { path: 'failures.other', meaning: 'Any other failure (connection refused, malformed response).' },
      { path: 'failures.examples', meaning: 'A few of the error messages seen, to start the investigation.' },
      {
        path: 'client.event_loop_delay_p99_ms',
        meaning: 'How late the benchmark’s own event loop ran at p99: time the client, not the server, added.',
      },
      { path: 'client.event_loop_delay_max_ms', meaning: 'The worst such delay during the run.' },
      { path: 'tokens.prompt_mean', meaning: 'Mean prompt tokens per request as the server counted them (usage).' },
      { path: 'tokens.output_mean', meaning: 'Mean output tokens per request as the server counted them.' },
      { path: 'tokens.prompt_total', meaning: 'All prompt tokens over the completed requests.' },
      { path: 'tokens.output_total', meaning: 'All output tokens over the completed requests.' },
    ],
  },
];

export const BENCH_FIELDS: readonly FieldDoc[] = BENCH_FIELD_GROUPS.flatMap((g) => g.fields);
