// Prefill: the time to process a prompt (the floor under TTFT) and when it is compute- or memory-bound.

import { weightBytes } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import type { Precision } from '../../../src/engine/precision.ts';
import { mathRateFor, PRECISION_LABEL } from '../../../src/engine/precision.ts';
import { prefillTime } from '../../../src/engine/prefill.ts';
import { peakOpsPerS } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { billions, DENSE_IDS, gpu, model, SERVER_GPU_IDS, withArticle } from './pool.ts';

interface PrefillParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
}

const run = (p: PrefillParams) =>
  prefillTime(model(p.modelId), gpu(p.gpuId), { promptTokens: p.prompt, weightPrecision: p.precision });

function draw(rng: { pick<T>(xs: readonly T[]): T }, prompts: readonly number[]): PrefillParams {
  for (;;) {
    const p = {
      modelId: rng.pick(DENSE_IDS),
      gpuId: rng.pick(SERVER_GPU_IDS),
      precision: rng.pick(['bf16', 'fp8'] as Precision[]),
      prompt: rng.pick(prompts),
    };
    const g = gpu(p.gpuId);
    const fp8Ok = p.precision !== 'fp8' || g.denseOpsPerS.fp8 !== null;
    if (
      fp8Ok &&
      weightBytes(model(p.modelId), p.precision) <= 0.8 * g.memoryBytes &&
      p.prompt <= model(p.modelId).maxContext
    ) {
      return p;
    }
  }
}

export const prefillSeconds: NumericTemplate<PrefillParams> = {
  id: 'prefill/time',
  topic: 'prefill-time',
  title: 'Prefill time for a prompt',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    return draw(rng, [2048, 4096, 8192, 16384, 32768]);
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    const peak = peakOpsPerS(g, mathRateFor(p.precision));
    return `${m.name} (${billions(paramCounts(m).active)} parameters, ${m.layers} layers, ${m.heads} heads × ${m.headDim} dims, ${PRECISION_LABEL[p.precision]} weights) prefills one ${int(p.prompt)}-token prompt on ${withArticle(g.name)} (${fixed(peak / 1e12, 1)} dense ${PRECISION_LABEL[p.precision]} TFLOPS). Counting 2 FLOPs per parameter per token plus causal attention (4 × heads × head_dim FLOPs per attended position per layer, each token attending to itself and every earlier one), how long does it take at 100% of peak compute, in ms? (±2%)`;
  },
  solve(p) {
    const r = run(p);
    const m = model(p.modelId);
    const dense = 2 * paramCounts(m).active * p.prompt;
    return {
      value: r.timeS,
      steps: [
        `Matrix FLOPs: 2 × ${billions(paramCounts(m).active)} × ${int(p.prompt)} = ${fixed(dense / 1e12, 1)} TFLOP.`,
        `Attention: ${fixed(r.attentionFlops / 1e12, 2)} TFLOP (it grows with the square of the prompt: ${fixed((100 * r.attentionFlops) / r.flops, 1)}% of the total here).`,
        `Total ${fixed(r.flops / 1e12, 1)} TFLOP ÷ peak = ${fixed(r.computeTimeS * 1e3, 1)} ms; streaming the ${formatBytes(r.bytes, 'GB')} of weights and KV would take only ${fixed(r.memoryTimeS * 1e3, 2)} ms, so prefill is ${r.regime}.`,
        'That is the floor under TTFT for this prompt on an idle GPU; queueing and real kernel efficiency add to it.',
      ],
    };
  },
};

export const prefillRegime: ChoiceTemplate<PrefillParams> = {
  kind: 'choice',
  id: 'prefill/regime',
  topic: 'prefill-time',
  title: 'Is this prefill compute-bound?',
  generate(rng) {
    for (;;) {
      const p = draw(rng, [4, 16, 64, 512, 4096, 32768]);
      const r = run(p);
      const ratio = r.computeTimeS / r.memoryTimeS;
      if (ratio < 0.7 || ratio > 1.4) return p;
    }
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} with ${PRECISION_LABEL[p.precision]} weights prefills a single prompt of ${int(p.prompt)} tokens on ${withArticle(gpu(p.gpuId).name)}. What limits the prefill?`;
  },
  options(p) {
    const r = run(p);
    const numbers = `the math takes ${fixed(r.computeTimeS * 1e3, 2)} ms and streaming the weights ${fixed(r.memoryTimeS * 1e3, 2)} ms`;
    const compute = r.regime === 'compute-bound';
    return [
      { label: 'Compute: the tensor cores', correct: compute, explanation: `Here ${numbers}.` },
      { label: 'Memory bandwidth: reading the weights', correct: !compute, explanation: `Here ${numbers}.` },
      {
        label: 'Neither: prefill is limited by the network',
        correct: false,
        explanation: 'On one GPU there is no network in the loop; the step is set by math or by memory traffic.',
      },
    ];
  },
  solve(p) {
    const r = run(p);
    return {
      steps: [
        `All ${int(p.prompt)} tokens share one pass over the weights, so the work per byte grows with the prompt.`,
        `Compute ${fixed(r.computeTimeS * 1e3, 2)} ms vs memory ${fixed(r.memoryTimeS * 1e3, 2)} ms: ${r.regime}. Only very short prompts stay memory-bound.`,
      ],
    };
  },
};

export const PREFILL_TEMPLATES = [prefillSeconds, prefillRegime];
