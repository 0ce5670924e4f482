// Loaded only when a learner asks to re-run a chapter comparison: the simulator worker and Plot come with it.
import * as Plot from '@observablehq/plot';
import { getPreset, presetOutcome } from '../../engine/sim/presets.ts';
import type { ResolvedScenario } from '../../engine/sim/setup.ts';
import { simulateInWorker } from '../../worker/sim-client.ts';
import { compareHtml, verdictSentence } from './compare-view.ts';

const draw = (options: Plot.PlotOptions) => (Plot.plot(options) as Element).outerHTML;

/** Re-run both sides of a comparison with the next seed and redraw it in place. */
export async function rerun(el: HTMLElement): Promise<void> {
  const status = el.querySelector<HTMLElement>('[data-status]');
  const say = (t: string) => {
    if (status) status.textContent = t;
  };
  const preset = getPreset(el.dataset.preset ?? '');
  const [a, b] = JSON.parse(el.dataset.scenarios ?? '[]') as [ResolvedScenario, ResolvedScenario];
  const seed = (a.seed + 1) % 2 ** 32;
  say(`Simulating both runs with seed ${seed}…`);
  const [ra, rb] = await Promise.all([simulateInWorker({ ...a, seed }), simulateInWorker({ ...b, seed })]);
  if (!ra.ok || !rb.ok) {
    say(
      `The simulation failed: ${[...(ra.ok ? [] : ra.issues), ...(rb.ok ? [] : rb.issues)].map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    );
    return;
  }
  const A = ra.value.result;
  const B = rb.value.result;
  el.dataset.scenarios = JSON.stringify([
    { ...a, seed },
    { ...b, seed },
  ]);
  el.dataset.outcome = presetOutcome(preset, A, B);
  const body = el.querySelector<HTMLElement>('[data-body]');
  if (body) body.innerHTML = compareHtml(preset, A, B, draw);
  const verdict = el.querySelector<HTMLElement>('[data-verdict]');
  if (verdict) {
    verdict.dataset.sentence = verdictSentence(preset, A, B);
    verdict.textContent = `With seed ${seed}: ${verdict.dataset.sentence}`;
  }
  say(`Re-ran with seed ${seed} in ${Math.round(ra.value.wallMs + rb.value.wallMs)} ms.`);
}
