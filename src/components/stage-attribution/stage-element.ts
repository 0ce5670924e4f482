// Browser side of the stage-attribution view: read the form, ask the engine worker, render its reply.
import { engine } from '../../worker/engine-client.ts';
import { numberField, recomputeOnInput, setText, showIssues } from '../live/live-form.ts';
import type { StageView } from './stage-view.ts';

function render(root: HTMLElement, v: StageView) {
  setText(root, '[data-sum]', v.sumOfStageP95);
  setText(root, '[data-e2e]', v.e2eP95);
  setText(root, '[data-versus]', v.sumVersusE2e);
  setText(root, '[data-change]', v.changeSummary);
  setText(root, '[data-naive]', v.naivePredicted);
  setText(root, '[data-remeasured]', v.remeasured);
  setText(root, '[data-advice]', v.advice);
  root.querySelector('[data-rows]')?.replaceChildren(
    ...v.rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.stage = r.stage;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r.label;
      tr.append(th);
      for (const cell of [r.p50, r.p95, r.naiveShare, r.tailShare]) {
        const td = document.createElement('td');
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    }),
  );
  const fig = root.querySelector<HTMLElement>('[data-figure]');
  if (fig) {
    fig.innerHTML = v.svg;
    fig.setAttribute('aria-label', v.alt);
  }
}

export function wireStageAttribution(root: HTMLElement) {
  let seed = Number(root.dataset.seed ?? '1');
  const run = recomputeOnInput(root, async (isCurrent) => {
    const shape = root.querySelector<HTMLSelectElement>('[name="shape"]')?.value ?? 'bursty';
    const req = {
      shape,
      requests: numberField(root, 'requests'),
      kernelSpeedup: numberField(root, 'kernelSpeedup'),
      queueFactor: numberField(root, 'queueFactor'),
      seed,
    };
    const reply = await engine().stageAttribution(req);
    if (!isCurrent()) return;
    if (!reply.ok) {
      showIssues(root, reply.issues, {});
      setText(root, '[data-advice]', reply.issues.map((i) => `${i.field} ${i.message}`).join('; '));
      return;
    }
    showIssues(root, [], {});
    render(root, reply.value);
    root.dataset.seed = String(seed);
  });
  root.querySelector('[data-action="redraw"]')?.addEventListener('click', () => {
    seed += 1;
    run();
  });
}
