import type { Rng } from '../rng.ts';
import type { ChoiceTemplate, OrderItem, OrderTemplate } from '../template.ts';

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
  generate(rng: Rng) {
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

export const DIAGNOSTIC_FLOW_TEMPLATES = [flowOrder, flowStep];
