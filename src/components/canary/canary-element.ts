// Browser side of the canary comparison: read the form, ask the engine worker, render its reply.
import { engine } from '../../worker/engine-client.ts';
import { numberField, recomputeOnInput, setText, showIssues } from '../live/live-form.ts';
import type { CanaryView } from './canary-view.ts';

function render(root: HTMLElement, view: CanaryView) {
  setText(root, '[data-verdict]', view.verdict);
  const rows = root.querySelector('[data-rows]');
  rows?.replaceChildren(
    ...view.rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.stat = r.stat;
      tr.className = r.passes ? '' : 'gp-bad';
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r.label;
      tr.append(th);
      for (const v of [r.baselineMs, r.canaryMs, r.change]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      return tr;
    }),
  );
  const fig = root.querySelector<HTMLElement>('[data-figure]');
  if (fig) {
    fig.innerHTML = view.svg;
    fig.setAttribute('aria-label', view.alt);
  }
}

export function wireCanary(root: HTMLElement) {
  let seed = Number(root.dataset.seed ?? '1');
  const run = recomputeOnInput(root, async (isCurrent) => {
    const req = { samples: numberField(root, 'samples'), slowShare: numberField(root, 'slowSharePct') / 100, seed };
    const reply = await engine().canary(req);
    if (!isCurrent()) return;
    if (!reply.ok) {
      showIssues(
        root,
        reply.issues,
        { slowShare: 'Slow-path share', samples: 'Requests per run' },
        { slowShare: 'slowSharePct' },
      );
      return;
    }
    showIssues(root, [], {}, { slowShare: 'slowSharePct' });
    render(root, reply.value);
    root.dataset.seed = String(seed);
  });
  root.querySelector('[data-action="redraw"]')?.addEventListener('click', () => {
    seed += 1;
    run();
  });
}
