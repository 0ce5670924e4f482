import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, OrderItem, OrderTemplate } from '../template.ts';
import { gpu, model } from './pool.ts';

/** The loop from source 001 §3, in our words: measure and explain before changing anything. */
const STEPS: OrderItem[] = [
  {
    label: 'Observe: state the bad metric as a number against its target',
    why: '"p99 TPOT is 47 ms against a 25 ms target" is an observation; "decode feels slow" is not.',
  },
  {
    label: 'Hypothesize the regime: compute-, memory-, scheduler- or communication-bound',
    why: 'A guess about which resource is the limit tells you what to isolate and what to measure.',
  },
  {
    label: 'Isolate: shrink the workload until only the suspect remains',
    why: 'Batch 1, no other traffic, fixed prompt and seed: interference can no longer hide the cause.',
  },
  {
    label: 'Benchmark: a stable baseline with warmup and enough iterations, reporting p50/p95/p99',
    why: 'Without a repeatable baseline no later change can be judged.',
  },
  {
    label: 'Profile: a timeline (Nsight Systems) and, if needed, kernel detail (Nsight Compute)',
    why: 'The profile shows where the time goes inside the step the benchmark measured.',
  },
  {
    label: 'Explain: one sentence saying why it is slow',
    why: 'If you cannot say why, you cannot say what to change; this is the step most often skipped.',
  },
  {
    label: 'Change exactly one thing',
    why: 'One change at a time keeps cause and effect readable.',
  },
  {
    label: 'Verify: re-run the benchmark and compare with the prediction',
    why: 'If the metric did not move the way the explanation predicted, the explanation was wrong: go back to the hypothesis.',
  },
];

interface FlowParams {
  /** Indexes into STEPS, ascending. */
  picked: number[];
}

export const flowOrder: OrderTemplate<FlowParams> = {
  kind: 'order',
  id: 'diagnostic-flow/order',
  topic: 'diagnostic-flow',
  title: 'Order the diagnostic flow',
  generate(rng: Random) {
    const size = rng.int(5, STEPS.length);
    const picked = STEPS.map((_, i) => i);
    while (picked.length > size) picked.splice(rng.int(0, picked.length - 1), 1);
    return { picked };
  },
  text(p) {
    return `A service misses its latency target. Put these ${p.picked.length} steps of a disciplined investigation in the order you would do them, first to last.`;
  },
  items(p) {
    return p.picked.map((i) => STEPS[i] as OrderItem);
  },
};

interface ActionParams {
  action: number;
}

const ACTIONS: { action: string; step: number }[] = [
  { action: 'You write "p99 TTFT is 1.8 s; the SLO is 800 ms" in the incident ticket.', step: 0 },
  { action: 'You say: "I think the decode step is limited by HBM bandwidth, not by the scheduler."', step: 1 },
  { action: 'You replay a single request at batch 1 on an idle replica with a fixed prompt and seed.', step: 2 },
  { action: 'You run 200 iterations after 20 warmup requests and record p50, p95 and p99.', step: 3 },
  { action: 'You capture an Nsight Systems timeline of twenty decode steps.', step: 4 },
  {
    action: 'You write: "the attention kernel reads the KV cache at 60% of peak; the gaps are launch overhead."',
    step: 5,
  },
  { action: 'You turn on CUDA graphs and nothing else.', step: 6 },
  { action: 'You re-run the same benchmark and check that p99 moved by the amount you predicted.', step: 7 },
];

const short = (i: number) => (STEPS[i] as OrderItem).label.split(':')[0] as string;

export const flowStep: ChoiceTemplate<ActionParams> = {
  kind: 'choice',
  id: 'diagnostic-flow/which-step',
  topic: 'diagnostic-flow',
  title: 'Which step of the diagnostic flow is this?',
  generate(rng) {
    return { action: rng.int(0, ACTIONS.length - 1) };
  },
  text(p) {
    const a = ACTIONS[p.action];
    return `${a?.action} Which step of the diagnostic flow (observe → hypothesize → isolate → benchmark → profile → explain → change → verify) is that?`;
  },
  options(p) {
    const right = (ACTIONS[p.action] as { step: number }).step;
    // The right step and its neighbours are the tempting confusions.
    const picks = [
      right,
      (right + 1) % STEPS.length,
      (right + STEPS.length - 1) % STEPS.length,
      (right + 4) % STEPS.length,
    ];
    return picks.map((i) => ({
      label: short(i),
      correct: i === right,
      explanation: `${short(i)}: ${(STEPS[i] as OrderItem).why}`,
    }));
  },
  solve(p) {
    const right = (ACTIONS[p.action] as { step: number }).step;
    return { steps: [`This is "${short(right)}".`, (STEPS[right] as OrderItem).why] };
  },
};

interface GapParams {
  modelId: string;
  context: number;
  /** Measured TPOT as a multiple of the predicted ceiling. */
  factor: number;
}

// Source 001's self-check question 5: INT4 decode on an L40S measures far slower than the model-card ceiling.
const GAP_GPU = 'l40s';

const gapStep = (p: GapParams) =>
  decodeStep(model(p.modelId), gpu(GAP_GPU), { weightPrecision: 'int4', batch: 1, context: p.context });

export const ceilingGap: OrderTemplate<GapParams> = {
  kind: 'order',
  id: 'diagnostic-flow/ceiling-gap',
  topic: 'diagnostic-flow',
  title: 'Explaining a gap to the bandwidth ceiling',
  generate(rng) {
    return {
      modelId: rng.pick(['llama-3.1-8b', 'qwen3-8b', 'qwen2.5-7b', 'llama-3.3-70b']),
      context: rng.pick([512, 1024, 2048]),
      factor: rng.pick([2.5, 3, 3.3, 4]),
    };
  },
  text(p) {
    const s = gapStep(p);
    const predicted = s.stepTimeS * 1e3;
    return `${model(p.modelId).name} with INT4 weights decodes at batch 1 on an L40S (${int(gpu(GAP_GPU).bandwidthBytesPerS / 1e9)} GB/s). Your model-card arithmetic predicted a bandwidth ceiling of ${fixed(predicted, 1)} ms per token; you measure ${fixed(predicted * p.factor, 1)} ms. Put these steps in the order you would take them.`;
  },
  items(p) {
    const s = gapStep(p);
    return [
      {
        label:
          'Re-derive the ceiling: count every byte a step really reads (4-bit weights and their scales, layers kept in 16-bit, the KV cache)',
        why: `Check the prediction before blaming the system. Here weights are ${formatBytes(s.weightBytesRead, 'GB')} and KV ${formatBytes(s.kvBytesRead, 'GB', 3)} per step; a forgotten 16-bit embedding or LM head can move the ceiling a lot.`,
      },
      {
        label: 'Profile one decode step and measure the bandwidth each kernel achieves',
        why: 'A timeline with kernel detail shows whether the 4-bit matrix kernels stream at a good share of peak or fall back to a slow path that unpacks weights through memory.',
      },
      {
        label: 'Look at the gaps between kernels: launch overhead, CPU-side scheduling, sampling on the critical path',
        why: `Host-side gaps (kernel launches, scheduling, sampling) add to the ${fixed(s.stepTimeS * 1e3, 1)} ms of memory time on every token; CUDA graphs and a leaner scheduler close them.`,
      },
      {
        label: 'Change one thing, re-run the benchmark and compare with the prediction',
        why: 'Only a measured change that moves the number you predicted confirms the explanation.',
      },
    ];
  },
};

export const DIAGNOSTIC_FLOW_TEMPLATES = [flowOrder, flowStep, ceilingGap];
