import type { ScenarioInput } from '../../engine/sim/index.ts';
import type { Result } from '../../worker/engine-api.ts';
import type { SimReply } from '../../worker/sim-api.ts';
import { LatestRunner, simulateInWorker } from '../../worker/sim-client.ts';
import type { LabelledRun, LatencyKey } from './charts.ts';
import {
  CONTROLS,
  controlForField,
  decodeQuery,
  encodeQuery,
  isShown,
  scenarioFromValues,
  type Values,
} from './controls.ts';

type Side = 'a' | 'b';
type Pair = { a: ScenarioInput; b: ScenarioInput | null };
type PairReply = { a: Result<SimReply>; b: Result<SimReply> | null };

/** Plot and the results panel load with the first re-run: until then the page shows the build-time results. */
async function renderer() {
  const [Plot, { resultsHtml }] = await Promise.all([import('@observablehq/plot'), import('./results-view.ts')]);
  const draw = (options: Parameters<typeof Plot.plot>[0]) => (Plot.plot(options) as Element).outerHTML;
  return (runs: LabelledRun[], cdf: LatencyKey) => resultsHtml(runs, draw, { cdf });
}

class SimPlayground extends HTMLElement {
  #defaults: Values = {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last: LabelledRun[] | undefined;
  #render: ReturnType<typeof renderer> | undefined;
  readonly #runner = new LatestRunner<Pair, PairReply>(async ({ a, b }) => ({
    a: await simulateInWorker(a),
    b: b ? await simulateInWorker(b) : null,
  }));

  connectedCallback() {
    this.#defaults = JSON.parse(this.dataset.defaults ?? '{}') as Values;
    const form = this.#q<HTMLFormElement>('form');
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => this.#changed(e));
    form.addEventListener('change', (e) => this.#changed(e));
    this.#q('[data-action="share"]').addEventListener('click', () => void this.#share());
    if (location.search.length > 1) {
      const { a, b } = decodeQuery(this.#defaults, location.search);
      this.#fill('a', a);
      if (b) {
        this.#compare.checked = true;
        this.#fill('b', b);
      }
      this.#syncLayout();
      void this.#update();
    }
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`playground markup lacks ${sel}`);
    return el;
  }

  get #compare(): HTMLInputElement {
    return this.#q<HTMLInputElement>('[data-compare]');
  }

  #field(side: Side, name: string): HTMLInputElement | HTMLSelectElement | null {
    return this.querySelector(`[name="${side === 'a' ? name : `b.${name}`}"]`);
  }

  #read(side: Side): Values {
    const v: Values = {};
    for (const c of CONTROLS) {
      const el = this.#field(side, c.name);
      if (!el) continue;
      v[c.name] = el instanceof HTMLInputElement && el.type === 'checkbox' ? (el.checked ? '1' : '0') : el.value;
    }
    return v;
  }

  #fill(side: Side, v: Values): void {
    for (const c of CONTROLS) {
      const el = this.#field(side, c.name);
      const value = v[c.name];
      if (!el || value === undefined) continue;
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === '1';
      else el.value = value;
    }
  }

  #changed(e: Event): void {
    const target = e.target as HTMLElement;
    if (target.matches('[data-cdf]')) {
      // The build-time panel has no data behind it: the first switch runs the scenario in the worker.
      if (e.type === 'change') void (this.#last ? this.#redraw() : this.#update());
      return;
    }
    if (target.matches('[data-compare]')) {
      // Turning comparison on starts B as a copy of A, so the learner changes one knob.
      if (this.#compare.checked) this.#fill('b', this.#read('a'));
      this.#syncLayout();
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#update(), 150);
  }

  #syncLayout(): void {
    const two = this.#compare.checked;
    this.#q('[data-configs]').dataset.configs = two ? '2' : '1';
    this.#q('[data-side="b"]').hidden = !two;
    const a = this.#read('a');
    const b = this.#read('b');
    for (const [side, values] of [
      ['a', a],
      ['b', b],
    ] as const) {
      for (const c of CONTROLS) {
        const wrap = this.querySelector<HTMLElement>(`[data-side="${side}"] [data-control="${c.name}"]`);
        if (!wrap) continue;
        wrap.hidden = !isShown(c, values);
        // In B, mark what differs from A: that is the knob being compared.
        if (side === 'b') wrap.toggleAttribute('data-differs', two && b[c.name] !== a[c.name]);
      }
    }
  }

  async #update(): Promise<void> {
    this.#syncLayout();
    const a = this.#read('a');
    const b = this.#compare.checked ? this.#read('b') : null;
    const query = encodeQuery(this.#defaults, a, b);
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    const results = this.#q('[data-results]');
    results.setAttribute('aria-busy', 'true');
    this.#status('Simulating…');
    const reply = await this.#runner.submit({ a: scenarioFromValues(a), b: b ? scenarioFromValues(b) : null });
    if (reply === null) return; // a newer setting is already on its way
    results.setAttribute('aria-busy', 'false');
    this.#clearErrors();
    if (!reply.a.ok) for (const issue of reply.a.issues) this.#showError('a', issue.field, issue.message);
    if (reply.b && !reply.b.ok) for (const issue of reply.b.issues) this.#showError('b', issue.field, issue.message);
    if (!reply.a.ok || (reply.b && !reply.b.ok)) {
      this.#status('Fix the highlighted settings to run the simulation.');
      return;
    }
    const runs: LabelledRun[] = [{ label: 'A', result: reply.a.value.result }];
    let ms = reply.a.value.wallMs;
    if (reply.b?.ok) {
      runs.push({ label: 'B', result: reply.b.value.result });
      ms += reply.b.value.wallMs;
    }
    this.#last = runs;
    await this.#redraw();
    const n = runs.reduce((s, r) => s + r.result.results.completed + r.result.results.failed, 0);
    this.#status(`Updated: ${n.toLocaleString('en-US')} requests simulated in ${Math.round(ms)} ms.`);
  }

  async #redraw(): Promise<void> {
    if (!this.#last) return;
    this.#render ??= renderer();
    const render = await this.#render;
    const cdf = this.#q<HTMLSelectElement>('[data-cdf]').value as LatencyKey;
    this.#q('[data-results]').innerHTML = render(this.#last, cdf);
    this.dataset.runs = String(this.#last.length);
    this.dataset.version = String(Number(this.dataset.version ?? '0') + 1);
  }

  #status(text: string): void {
    this.#q('[data-status]').textContent = text;
  }

  #clearErrors(): void {
    for (const el of this.querySelectorAll<HTMLElement>('[data-error-for]')) el.textContent = '';
    for (const el of this.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  #showError(side: Side, field: string, message: string): void {
    const control = controlForField(field);
    const name = control ? (side === 'a' ? control : `b.${control}`) : 'scenario';
    const slot = this.querySelector<HTMLElement>(`[data-error-for="${name}"]`);
    const prefix = control ? '' : `${side === 'b' ? 'B: ' : ''}${field}: `;
    if (slot) slot.textContent = `${slot.textContent ? `${slot.textContent} ` : ''}${prefix}${message}`;
    if (control) this.#field(side, control)?.setAttribute('aria-invalid', 'true');
  }

  async #share(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.#status('Link copied: it opens this exact scenario.');
    } catch {
      this.#status(`Copy this link: ${location.href}`);
    }
  }
}

customElements.define('gp-sim-playground', SimPlayground);
