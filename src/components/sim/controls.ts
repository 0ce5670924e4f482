// The playground's controls as data: one list drives the form, the URL and the scenario, so they cannot drift.
// No DOM here (tested in Node); the component renders these and the element reads them back.
import type { LengthDist, ResolvedScenario, ScenarioInput } from '../../engine/sim/index.ts';

export type ControlGroup = 'model' | 'workload' | 'scheduler' | 'kv' | 'spec' | 'slo';

export interface Control {
  /** Form field name and URL key. */
  name: string;
  label: string;
  group: ControlGroup;
  kind: 'select' | 'number' | 'checkbox';
  options?: readonly { value: string; label: string }[];
  min?: number;
  max?: number;
  step?: number | 'any';
  /** Text shown when the field is empty (empty means "automatic"). */
  placeholder?: string;
  /** Shown only while another control holds one of these values. */
  when?: { name: string; values: readonly string[] };
  /** The scenario field it sets, so validation errors land beside it. */
  field: string;
}

export type Values = Record<string, string>;

export const GROUP_LABEL: Record<ControlGroup, string> = {
  model: 'Model and hardware',
  workload: 'Workload',
  scheduler: 'Scheduler',
  kv: 'KV cache',
  spec: 'Speculative decoding',
  slo: 'SLOs (for goodput)',
};

const opts = (...values: string[]) => values.map((v) => ({ value: v, label: v }));
const PRECISIONS = opts('fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4');

/** Every control. `model` and `gpu` options come from the catalog when the component renders. */
export const CONTROLS: readonly Control[] = [
  { name: 'model', label: 'Model', group: 'model', kind: 'select', field: 'model' },
  { name: 'gpu', label: 'GPU', group: 'model', kind: 'select', field: 'gpu' },
  {
    name: 'wp',
    label: 'Weight precision',
    group: 'model',
    kind: 'select',
    options: PRECISIONS,
    field: 'weightPrecision',
  },
  { name: 'kvp', label: 'KV precision', group: 'model', kind: 'select', options: PRECISIONS, field: 'kvPrecision' },
  {
    name: 'tp',
    label: 'Tensor-parallel GPUs',
    group: 'model',
    kind: 'select',
    options: opts('1', '2', '4', '8'),
    field: 'tensorParallel',
  },
  {
    name: 'mem',
    label: 'GPU memory utilization',
    group: 'model',
    kind: 'number',
    min: 0.1,
    max: 1,
    step: 0.01,
    field: 'hardware.gpuMemoryUtilization',
  },
  {
    name: 'kvgib',
    label: 'KV cache per GPU (GiB)',
    group: 'model',
    kind: 'number',
    min: 0.1,
    step: 'any',
    placeholder: 'what is left',
    field: 'hardware.kvCacheGiB',
  },
  {
    name: 'shape',
    label: 'Shape',
    group: 'workload',
    kind: 'select',
    options: [
      { value: 'chat', label: 'Chat' },
      { value: 'agent', label: 'Agent' },
      { value: 'batch', label: 'Batch (offline)' },
      { value: 'embedding', label: 'Embedding' },
    ],
    field: 'workload.shape',
  },
  {
    name: 'n',
    label: 'Requests',
    group: 'workload',
    kind: 'number',
    min: 1,
    max: 20000,
    step: 1,
    field: 'workload.requests',
  },
  ...(['prompt', 'output'] as const).flatMap((what) =>
    (['5', '95'] as const).map(
      (pct): Control => ({
        name: `${what[0]}${pct}`,
        label: `${what === 'prompt' ? 'Prompt' : 'Output'} tokens, ${pct}th percentile`,
        group: 'workload',
        kind: 'number',
        min: 1,
        step: 1,
        placeholder: "the shape's",
        field: `workload.${what}.p${pct}`,
      }),
    ),
  ),
  {
    name: 'arrival',
    label: 'Arrivals',
    group: 'workload',
    kind: 'select',
    options: [
      { value: 'poisson', label: 'Open loop, Poisson' },
      { value: 'gamma', label: 'Open loop, bursty (gamma)' },
      { value: 'closed', label: 'Closed loop (fixed users)' },
    ],
    field: 'workload.arrival.kind',
  },
  {
    name: 'rate',
    label: 'Rate (requests/s)',
    group: 'workload',
    kind: 'number',
    min: 0.1,
    max: 500,
    step: 'any',
    when: { name: 'arrival', values: ['poisson', 'gamma'] },
    field: 'workload.arrival.rate',
  },
  {
    name: 'burst',
    label: 'Burstiness (1 = Poisson)',
    group: 'workload',
    kind: 'number',
    min: 0.05,
    max: 10,
    step: 'any',
    when: { name: 'arrival', values: ['gamma'] },
    field: 'workload.arrival.burstiness',
  },
  {
    name: 'users',
    label: 'Concurrent users',
    group: 'workload',
    kind: 'number',
    min: 1,
    max: 4096,
    step: 1,
    when: { name: 'arrival', values: ['closed'] },
    field: 'workload.arrival.concurrency',
  },
  {
    name: 'prefix',
    label: 'Shared system prompt (tokens)',
    group: 'workload',
    kind: 'number',
    min: 0,
    step: 1,
    placeholder: "the shape's",
    field: 'workload.sharedPrefix.tokens',
  },
  {
    name: 'longN',
    label: 'Long prompts in a burst',
    group: 'workload',
    kind: 'number',
    min: 0,
    max: 1000,
    step: 1,
    field: 'workload.bursts.0.count',
  },
  {
    name: 'longLen',
    label: 'Long prompt length (tokens)',
    group: 'workload',
    kind: 'number',
    min: 1,
    step: 1,
    when: { name: 'longN', values: [] },
    field: 'workload.bursts.0.promptTokens',
  },
  {
    name: 'longAt',
    label: 'Burst arrives at (s)',
    group: 'workload',
    kind: 'number',
    min: 0,
    step: 'any',
    when: { name: 'longN', values: [] },
    field: 'workload.bursts.0.atS',
  },
  { name: 'seed', label: 'Seed', group: 'workload', kind: 'number', min: 0, step: 1, field: 'seed' },
  {
    name: 'sched',
    label: 'Batching',
    group: 'scheduler',
    kind: 'select',
    options: [
      { value: 'continuous', label: 'Continuous (vLLM-style)' },
      { value: 'static', label: 'Static batches' },
    ],
    field: 'scheduler.kind',
  },
  {
    name: 'seqs',
    label: 'max_num_seqs',
    group: 'scheduler',
    kind: 'number',
    min: 1,
    max: 8192,
    step: 1,
    placeholder: "vLLM's default",
    when: { name: 'sched', values: ['continuous'] },
    field: 'scheduler.maxNumSeqs',
  },
  {
    name: 'budget',
    label: 'max_num_batched_tokens',
    group: 'scheduler',
    kind: 'number',
    min: 1,
    step: 1,
    placeholder: "vLLM's default",
    when: { name: 'sched', values: ['continuous'] },
    field: 'scheduler.maxNumBatchedTokens',
  },
  {
    name: 'chunked',
    label: 'Chunked prefill',
    group: 'scheduler',
    kind: 'checkbox',
    when: { name: 'sched', values: ['continuous'] },
    field: 'scheduler.chunkedPrefill',
  },
  {
    name: 'bs',
    label: 'Batch size',
    group: 'scheduler',
    kind: 'number',
    min: 1,
    max: 8192,
    step: 1,
    when: { name: 'sched', values: ['static'] },
    field: 'scheduler.batchSize',
  },
  {
    name: 'timeout',
    label: 'Batch timeout (ms)',
    group: 'scheduler',
    kind: 'number',
    min: 0,
    step: 'any',
    when: { name: 'sched', values: ['static'] },
    field: 'scheduler.timeoutMs',
  },
  {
    name: 'alloc',
    label: 'Allocation',
    group: 'kv',
    kind: 'select',
    options: [
      { value: 'paged', label: 'Paged blocks' },
      { value: 'contiguous', label: 'Contiguous (reserve max length)' },
    ],
    field: 'kv.allocation',
  },
  {
    name: 'block',
    label: 'Block size (tokens)',
    group: 'kv',
    kind: 'select',
    options: opts('8', '16', '32', '64', '128'),
    when: { name: 'alloc', values: ['paged'] },
    field: 'kv.blockSize',
  },
  { name: 'pc', label: 'Prefix caching', group: 'kv', kind: 'checkbox', field: 'kv.prefixCaching' },
  {
    name: 'mml',
    label: 'max_model_len (tokens)',
    group: 'kv',
    kind: 'number',
    min: 16,
    step: 1,
    field: 'kv.maxModelLen',
  },
  {
    name: 'k',
    label: 'Draft tokens per step (0 = off)',
    group: 'spec',
    kind: 'number',
    min: 0,
    max: 16,
    step: 1,
    field: 'speculative.tokens',
  },
  {
    name: 'alpha',
    label: 'Acceptance rate α',
    group: 'spec',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    field: 'speculative.acceptance',
  },
  {
    name: 'draft',
    label: 'Draft step cost (share of a target step)',
    group: 'spec',
    kind: 'number',
    min: 0,
    max: 2,
    step: 0.01,
    field: 'speculative.draftCost',
  },
  { name: 'ttft', label: 'TTFT ≤ (ms)', group: 'slo', kind: 'number', min: 1, step: 'any', field: 'slo.ttftMs' },
  { name: 'tpot', label: 'TPOT ≤ (ms)', group: 'slo', kind: 'number', min: 1, step: 'any', field: 'slo.tpotMs' },
];

/** Which control shows an error about a scenario field. */
export function controlForField(field: string): string | undefined {
  return CONTROLS.find((c) => c.field === field)?.name;
}

/** Is a control relevant to the current values (e.g. the rate only for open-loop arrivals)? */
export function isShown(c: Control, v: Values): boolean {
  if (!c.when) return true;
  const other = v[c.when.name] ?? '';
  // An empty list means "when the other control is a positive number" (the burst fields).
  return c.when.values.length === 0 ? Number(other) > 0 : c.when.values.includes(other);
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? Number.NaN : Number(s));
const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

/** The scenario the form describes. Validation happens in the worker; bad values come back as field errors. */
export function scenarioFromValues(v: Values): ScenarioInput {
  const arrival =
    v.arrival === 'closed'
      ? { kind: 'closed' as const, concurrency: num(v.users) }
      : v.arrival === 'gamma'
        ? { kind: 'gamma' as const, rate: num(v.rate), burstiness: num(v.burst) }
        : { kind: 'poisson' as const, rate: num(v.rate) };
  const prefix = optional(v.prefix);
  // Either percentile set means "my own lengths"; the other defaults to it (a single length).
  const lengths = (lo: string | undefined, hi: string | undefined) => {
    const a = optional(lo);
    const b = optional(hi);
    if (a === undefined && b === undefined) return undefined;
    return { kind: 'lognormal' as const, p5: a ?? (b as number), p95: b ?? (a as number) };
  };
  const longN = optional(v.longN) ?? 0;
  return {
    model: v.model,
    gpu: v.gpu,
    weightPrecision: v.wp as ScenarioInput['weightPrecision'],
    kvPrecision: v.kvp as ScenarioInput['kvPrecision'],
    tensorParallel: num(v.tp),
    hardware: { gpuMemoryUtilization: num(v.mem), kvCacheGiB: optional(v.kvgib) },
    scheduler:
      v.sched === 'static'
        ? { kind: 'static', batchSize: num(v.bs), timeoutMs: num(v.timeout) }
        : {
            kind: 'continuous',
            maxNumSeqs: optional(v.seqs),
            maxNumBatchedTokens: optional(v.budget),
            chunkedPrefill: v.chunked === '1',
          },
    kv: {
      allocation: v.alloc as 'paged' | 'contiguous',
      blockSize: num(v.block),
      prefixCaching: v.pc === '1',
      maxModelLen: num(v.mml),
    },
    speculative: { tokens: num(v.k), acceptance: num(v.alpha), draftCost: num(v.draft) },
    workload: {
      shape: v.shape as 'chat',
      requests: num(v.n),
      arrival,
      prompt: lengths(v.p5, v.p95),
      output: lengths(v.o5, v.o95),
      sharedPrefix: prefix === undefined ? undefined : prefix === 0 ? null : { tokens: prefix },
      bursts: longN > 0 ? [{ atS: num(v.longAt), count: longN, promptTokens: num(v.longLen), outputTokens: 64 }] : [],
    },
    slo: { ttftMs: optional(v.ttft), tpotMs: optional(v.tpot) },
    seed: num(v.seed),
  };
}

/** Form values for a length override: a log-normal's percentiles, or one length for both. */
function percentiles(prefix: 'p' | 'o', d: LengthDist | undefined): Values {
  if (d === undefined) return { [`${prefix}5`]: '', [`${prefix}95`]: '' };
  if (d.kind === 'fixed') return { [`${prefix}5`]: String(d.tokens), [`${prefix}95`]: String(d.tokens) };
  if (d.kind === 'uniform') return { [`${prefix}5`]: String(d.min), [`${prefix}95`]: String(d.max) };
  return { [`${prefix}5`]: String(d.p5), [`${prefix}95`]: String(d.p95) };
}

/**
 * The form values that describe a resolved scenario. Limits the original input left to vLLM's defaults stay empty
 * (automatic), so they follow the GPU when it changes. A trace, or bursts beyond the first, cannot be shown.
 */
export function valuesFromScenario(s: ResolvedScenario, asked: ScenarioInput = s): Values {
  const w = s.workload;
  const a = w.arrival;
  const burst = w.bursts[0];
  const sch = s.scheduler;
  const askedCont = asked.scheduler?.kind === 'continuous' ? asked.scheduler : undefined;
  return {
    model: s.model,
    gpu: s.gpu,
    wp: s.weightPrecision,
    kvp: s.kvPrecision,
    tp: String(s.tensorParallel),
    mem: String(s.hardware.gpuMemoryUtilization),
    kvgib: s.hardware.kvCacheGiB === undefined ? '' : String(s.hardware.kvCacheGiB),
    shape: w.shape,
    n: String(w.requests),
    ...percentiles('p', w.prompt),
    ...percentiles('o', w.output),
    arrival: a.kind,
    rate: String(a.kind === 'closed' ? 4 : a.rate),
    burst: String(a.kind === 'gamma' ? a.burstiness : 0.5),
    users: String(a.kind === 'closed' ? a.concurrency : 32),
    prefix: w.sharedPrefix === undefined ? '' : w.sharedPrefix === null ? '0' : String(w.sharedPrefix.tokens),
    longN: String(burst?.count ?? 0),
    longLen: String(burst?.promptTokens ?? 7000),
    longAt: String(burst?.atS ?? 30),
    seed: String(s.seed),
    sched: sch.kind,
    seqs: askedCont?.maxNumSeqs === undefined ? '' : String(askedCont.maxNumSeqs),
    budget: askedCont?.maxNumBatchedTokens === undefined ? '' : String(askedCont.maxNumBatchedTokens),
    chunked: sch.kind === 'continuous' && !sch.chunkedPrefill ? '0' : '1',
    bs: String(sch.kind === 'static' ? sch.batchSize : 32),
    timeout: String(sch.kind === 'static' ? sch.timeoutMs : 100),
    alloc: s.kv.allocation,
    block: String(s.kv.blockSize),
    pc: s.kv.prefixCaching ? '1' : '0',
    mml: String(s.kv.maxModelLen),
    k: String(s.speculative.tokens),
    alpha: String(s.speculative.acceptance),
    draft: String(s.speculative.draftCost),
    ttft: s.slo.ttftMs === undefined ? '' : String(s.slo.ttftMs),
    tpot: s.slo.tpotMs === undefined ? '' : String(s.slo.tpotMs),
  };
}

/**
 * Share a scenario (and a comparison) as a query string: only values that differ from the defaults, and for B
 * only what differs from A, prefixed "b.".
 */
export function encodeQuery(defaults: Values, a: Values, b: Values | null): string {
  const q = new URLSearchParams();
  for (const c of CONTROLS) if ((a[c.name] ?? '') !== (defaults[c.name] ?? '')) q.set(c.name, a[c.name] ?? '');
  if (b) {
    q.set('compare', '1');
    for (const c of CONTROLS) if ((b[c.name] ?? '') !== (a[c.name] ?? '')) q.set(`b.${c.name}`, b[c.name] ?? '');
  }
  return q.toString();
}

/** Read a shared query string back; unknown keys are ignored, bad values go to the form and are flagged there. */
export function decodeQuery(defaults: Values, query: string): { a: Values; b: Values | null } {
  const q = new URLSearchParams(query);
  const a: Values = { ...defaults };
  for (const c of CONTROLS) {
    const v = q.get(c.name);
    if (v !== null) a[c.name] = v;
  }
  if (q.get('compare') !== '1') return { a, b: null };
  const b: Values = { ...a };
  for (const c of CONTROLS) {
    const v = q.get(`b.${c.name}`);
    if (v !== null) b[c.name] = v;
  }
  return { a, b };
}
