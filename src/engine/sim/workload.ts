import { Random, subSeed } from '../random.ts';
import type { WorkloadShape } from '../results.ts';
import type { LengthDist, SharedPrefix, Workload } from './scenario.ts';
import { Seq } from './seq.ts';

export interface ShapePreset {
  label: string;
  /** What the shape is and what it optimizes, in one line. */
  summary: string;
  prompt: LengthDist;
  output: LengthDist;
  sharedPrefix: SharedPrefix | null;
}

/**
 * The four workload shapes of the course (source 001 §1). Prompt and output lengths are log-normal with the
 * source's ranges as their 5th–95th percentiles, clipped so prompt + output stays within the default 8,192-token
 * maxModelLen; where the source gives no range the figures are this course's assumptions, stated in the summary.
 */
export const SHAPES: Record<WorkloadShape, ShapePreset> = {
  chat: {
    label: 'Chat',
    summary: 'Prompts of 1–4K tokens, replies of 50–500; judged on TTFT and p99 inter-token latency.',
    prompt: { kind: 'lognormal', p5: 1000, p95: 4000, max: 6000 },
    output: { kind: 'lognormal', p5: 50, p95: 500, max: 1500 },
    sharedPrefix: null,
  },
  agent: {
    label: 'Agent',
    summary:
      'A shared 1,536-token tool catalogue, 100–800 tokens of own context and short tool-call replies (16–128 tokens, assumed); judged on TTFT per turn.',
    prompt: { kind: 'lognormal', p5: 100, p95: 800, max: 2400 },
    output: { kind: 'lognormal', p5: 16, p95: 128, max: 512 },
    sharedPrefix: { tokens: 1536, groups: 1, share: 1 },
  },
  batch: {
    label: 'Batch (offline)',
    summary:
      'Documents of 200–2,000 tokens with 100–1,000-token outputs (assumed); judged on tokens per second per GPU.',
    prompt: { kind: 'lognormal', p5: 200, p95: 2000, max: 6000 },
    output: { kind: 'lognormal', p5: 100, p95: 1000, max: 2000 },
    sharedPrefix: null,
  },
  embedding: {
    label: 'Embedding',
    summary:
      'Inputs of 64–512 tokens and a single forward pass each (modelled as one output token); judged on tokens per second.',
    prompt: { kind: 'lognormal', p5: 64, p95: 512, max: 2048 },
    output: { kind: 'fixed', tokens: 1 },
    sharedPrefix: null,
  },
};

// z for the 95th percentile of a standard normal: a log-normal's 5th–95th range spans 2 × 1.6449 σ.
const Z95 = 1.6448536269514722;

function draw(d: LengthDist, rng: Random): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return rng.int(d.min, d.max);
    case 'lognormal': {
      const mu = (Math.log(d.p5) + Math.log(d.p95)) / 2;
      const sigma = (Math.log(d.p95) - Math.log(d.p5)) / (2 * Z95);
      const x = Math.round(rng.logNormal(mu, sigma));
      return Math.min(Math.max(x, d.min ?? 1), d.max ?? 4 * d.p95);
    }
  }
}

export interface GeneratedWorkload {
  /** Every request; ids are positions in this list: timed arrivals in time order, then closed-loop requests. */
  seqs: Seq[];
  /**
   * Closed loop: the requests the users send, in the order they send them (their arrival times are set when a
   * user's turn comes); the first `concurrency` go at time 0. Empty for open-loop runs.
   */
  closedLoop: { concurrency: number; order: Seq[] } | null;
}

/** Draw the requests of a workload. Same workload and seed, same requests: other knobs never change the draws. */
export function generateWorkload(w: Workload, seed: number): GeneratedWorkload {
  type Draft = { arrivalS: number; prompt: number; output: number; prefixId: number; prefixTokens: number };
  const drafts: Draft[] = [];
  let closed = 0;
  if (w.trace) {
    for (const r of w.trace)
      drafts.push({
        arrivalS: r.arrivalS,
        prompt: r.promptTokens,
        output: r.outputTokens,
        prefixId: r.prefixId ?? -1,
        prefixTokens: r.prefixTokens ?? 0,
      });
  } else {
    const shape = SHAPES[w.shape];
    const promptDist = w.prompt ?? shape.prompt;
    const outputDist = w.output ?? shape.output;
    const prefix = w.sharedPrefix === undefined ? shape.sharedPrefix : w.sharedPrefix;
    const lengths = new Random(subSeed(seed, 'lengths'));
    const gaps = new Random(subSeed(seed, 'arrivals'));
    let t = 0;
    for (let i = 0; i < w.requests; i++) {
      // Always four draws per request, so changing one knob (say, the prefix share) leaves the rest identical.
      const own = draw(promptDist, lengths);
      const output = draw(outputDist, lengths);
      const u = lengths.next();
      const g = lengths.next();
      const shared = prefix !== null && u < prefix.share;
      const a = w.arrival;
      if (a.kind === 'poisson') t += gaps.exponential(a.rate);
      else if (a.kind === 'gamma') t += gaps.gamma(a.burstiness, 1 / (a.rate * a.burstiness));
      drafts.push({
        arrivalS: a.kind === 'closed' ? Number.NaN : t,
        prompt: own + (shared ? prefix.tokens : 0),
        output,
        prefixId: shared ? Math.floor(g * prefix.groups) : -1,
        prefixTokens: shared ? prefix.tokens : 0,
      });
    }
    if (w.arrival.kind === 'closed') closed = w.arrival.concurrency;
  }
  for (const b of w.bursts)
    for (let k = 0; k < b.count; k++)
      drafts.push({ arrivalS: b.atS, prompt: b.promptTokens, output: b.outputTokens, prefixId: -1, prefixTokens: 0 });

  // Closed-loop requests have no arrival time yet: they keep their drawing order, after any timed arrivals.
  const timed = drafts.filter((d) => !Number.isNaN(d.arrivalS));
  const untimed = drafts.filter((d) => Number.isNaN(d.arrivalS));
  timed.sort((a, b) => a.arrivalS - b.arrivalS); // stable: equal times keep their order
  const seqs = [...timed, ...untimed].map(
    (d, id) => new Seq(id, d.arrivalS, d.prompt, d.output, d.prefixId, d.prefixTokens),
  );
  return {
    seqs,
    closedLoop: closed > 0 ? { concurrency: closed, order: seqs.slice(timed.length) } : null,
  };
}
