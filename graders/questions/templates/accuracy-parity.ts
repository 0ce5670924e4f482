import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

// Parity questions are counting questions: they need no model or GPU, only the split of a paired eval.

interface DeltaParams {
  n: number;
  baselineRight: number;
  lost: number;
  gained: number;
}

export const accuracyDelta: NumericTemplate<DeltaParams> = {
  id: 'accuracy-parity/accuracy-delta',
  topic: 'accuracy-parity',
  title: 'Accuracy difference from a paired eval',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const n = rng.pick([500, 800, 1000, 1319, 2000]);
      const baselineRight = rng.int(Math.round(n * 0.5), Math.round(n * 0.95));
      const lost = rng.int(5, 80);
      const gained = rng.int(5, 80);
      if (Math.abs(gained - lost) >= 10 && lost <= baselineRight && gained <= n - baselineRight)
        return { n, baselineRight, lost, gained };
    }
  },
  text(p) {
    return `A baseline and an optimized server answer the same ${int(p.n)} eval items. The baseline gets ${int(p.baselineRight)} right. ${p.lost} items the baseline got right, the optimized server gets wrong; ${p.gained} items the baseline got wrong, it gets right. By how many accuracy points does the optimized server differ from the baseline (negative if worse)? (±2%)`;
  },
  solve(p) {
    const value = ((p.gained - p.lost) / p.n) * 100;
    const after = p.baselineRight - p.lost + p.gained;
    return {
      value,
      steps: [
        'Items both systems got right, or both got wrong, cancel; only the changed items move the score.',
        `Δ = (gained − lost) ÷ n = (${p.gained} − ${p.lost}) ÷ ${int(p.n)} = ${fixed(value, 3)} points.`,
        `Check: ${int(after)} ÷ ${int(p.n)} − ${int(p.baselineRight)} ÷ ${int(p.n)} = ${fixed((after / p.n) * 100, 2)}% − ${fixed((p.baselineRight / p.n) * 100, 2)}%.`,
      ],
    };
  },
};

interface AgreementParams {
  n: number;
  bothRight: number;
  lost: number;
  gained: number;
  sameWrong: number;
}

export const agreement: NumericTemplate<AgreementParams> = {
  id: 'accuracy-parity/agreement',
  topic: 'accuracy-parity',
  title: 'Answer agreement between two runs',
  spec: { quantity: 'plain', unit: '', tolerance: 0.005 },
  generate(rng) {
    for (;;) {
      const n = rng.pick([200, 500, 1000, 1319]);
      const bothRight = rng.int(Math.round(n * 0.5), Math.round(n * 0.9));
      const lost = rng.int(0, 40);
      const gained = rng.int(0, 40);
      const bothWrong = n - bothRight - lost - gained;
      if (bothWrong < 10) continue;
      return { n, bothRight, lost, gained, sameWrong: rng.int(0, bothWrong) };
    }
  },
  text(p) {
    const bothWrong = p.n - p.bothRight - p.lost - p.gained;
    return `Two runs answer the same ${int(p.n)} maths items, each with one exact final answer. Both runs are right on ${int(p.bothRight)} items; only the first is right on ${p.lost}; only the second on ${p.gained}; both are wrong on ${int(bothWrong)}, and on ${int(p.sameWrong)} of those they give the same wrong answer. What share of items got the same final answer from both runs, in percent? (±0.5%)`;
  },
  solve(p) {
    const same = p.bothRight + p.sameWrong;
    const value = (same / p.n) * 100;
    return {
      value,
      steps: [
        'Two right answers to an item with one exact answer are the same answer; one right and one wrong never are.',
        `Same answers: ${int(p.bothRight)} (both right) + ${int(p.sameWrong)} (same wrong answer) = ${int(same)}.`,
        `Agreement = ${int(same)} ÷ ${int(p.n)} = ${fixed(value, 2)}%.`,
      ],
    };
  },
};

interface RecoveryParams {
  baseline: number;
  candidate: number;
}

export const recovery: NumericTemplate<RecoveryParams> = {
  id: 'accuracy-parity/recovery',
  topic: 'accuracy-parity',
  title: 'Accuracy recovery of a quantized model',
  spec: { quantity: 'plain', unit: '', tolerance: 0.002 },
  generate(rng) {
    const baseline = rng.int(400, 900) / 10;
    return { baseline, candidate: Math.round((baseline - rng.int(2, 60) / 10) * 10) / 10 };
  },
  text(p) {
    return `A BF16 model scores ${fixed(p.baseline, 1)} on a benchmark and its 4-bit version scores ${fixed(p.candidate, 1)}. Quantization studies report "recovery": the quantized score as a percentage of the baseline score. What is the recovery, in percent? (±0.2%)`;
  },
  solve(p) {
    const value = (p.candidate / p.baseline) * 100;
    return {
      value,
      steps: [
        `Recovery = quantized ÷ baseline × 100 = ${fixed(p.candidate, 1)} ÷ ${fixed(p.baseline, 1)} × 100 = ${fixed(value, 2)}%.`,
        `Note the difference from the drop in points (${fixed(p.baseline - p.candidate, 1)}): the same drop is a smaller share of a high score.`,
      ],
    };
  },
};

export const ACCURACY_PARITY_TEMPLATES = [accuracyDelta, agreement, recovery];
