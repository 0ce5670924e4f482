// Client side of a live element: read the form, ask the engine worker for a new view, and put it on the page.
// Only this file and the comlink client run on the main thread; every number is computed in the worker.
import { clearFieldErrors, FormIsland, numberValue, showFieldErrors } from './form-island.ts';
import type { IslandView } from './island-view.ts';

export type IslandReply = { ok: true; value: IslandView } | { ok: false; issues: { field: string; message: string }[] };
export type IslandCall = (request: Record<string, unknown>) => Promise<IslandReply>;

/** Form values by field name: number inputs (and selects marked data-number) as numbers, the rest as strings. */
function readForm(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') out[el.name] = el.checked;
    else if ((el instanceof HTMLInputElement && el.type === 'number') || el.dataset.number !== undefined)
      out[el.name] = numberValue(el);
    else out[el.name] = el.value;
  }
  return out;
}

function render(root: HTMLElement, view: IslandView): void {
  const status = root.querySelector<HTMLElement>('[data-status]');
  if (status) {
    status.hidden = view.status === null;
    status.textContent = view.status?.text ?? '';
    status.dataset.tone = view.status?.tone ?? '';
    status.classList.toggle('gp-ok', view.status?.tone === 'ok');
    status.classList.toggle('gp-bad', view.status?.tone === 'bad');
  }
  const figure = root.querySelector<HTMLElement>('[data-figure]');
  if (figure) {
    figure.hidden = view.figure === null;
    figure.innerHTML = view.figure?.svg ?? '';
    figure.setAttribute('aria-label', view.figure?.alt ?? '');
  }
  const rows = root.querySelector('[data-rows]');
  rows?.replaceChildren(
    ...view.rows.flatMap((r) => {
      const dt = document.createElement('dt');
      dt.textContent = r.label;
      const dd = document.createElement('dd');
      dd.textContent = r.value;
      return [dt, dd];
    }),
  );
}

/** Register a custom element that recomputes its result through `call` whenever its form changes. */
export function defineIsland(tag: string, call: IslandCall): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends FormIsland {
      async recompute(isLatest: () => boolean, seq: number) {
        const form = this.querySelector('form');
        const result = this.querySelector<HTMLElement>('[data-result]');
        if (!form || !result) return;
        result.setAttribute('aria-busy', 'true');
        const reply = await call(readForm(form));
        if (!isLatest()) return; // a newer request is on its way
        result.setAttribute('aria-busy', 'false');
        clearFieldErrors(this);
        if (!reply.ok) {
          showFieldErrors(this, reply.issues);
          result.classList.add('gp-island-stale');
          return;
        }
        result.classList.remove('gp-island-stale');
        render(result, reply.value);
        this.dataset.updated = String(seq);
      }
    },
  );
}
