// <gp-results>: reads the chosen files, asks the engine worker for the view (validation, series, rooflines,
// comparison) and draws it. Observable Plot is imported only when there is something to plot.
import { engine } from '../../worker/engine-client.ts';
import { chartSpecs } from './charts.ts';
import { el, fmt, table } from './dom.ts';
import type { ResultsView } from './view-model.ts';

class ResultsViewer extends HTMLElement {
  #files: { name: string; text: string }[] = [];
  /** The runs chosen as A and B (indexes into #files). */
  #pick: [number, number] = [0, 1];
  #seq = 0;

  connectedCallback() {
    const input = this.#q<HTMLInputElement>('[data-files]');
    input.addEventListener('change', () => {
      void this.#add([...(input.files ?? [])]);
      input.value = '';
    });
    const drop = this.#q<HTMLElement>('[data-drop]');
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.dataset.over = '';
    });
    drop.addEventListener('dragleave', () => delete drop.dataset.over);
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      delete drop.dataset.over;
      void this.#add([...(e.dataTransfer?.files ?? [])]);
    });
    this.#q('[data-action="clear"]').addEventListener('click', () => {
      this.#files = [];
      this.#pick = [0, 1];
      void this.#update();
      input.focus();
    });
    for (const [i, side] of ['a', 'b'].entries()) {
      const select = this.#q<HTMLSelectElement>(`[data-compare="${side}"]`);
      select.addEventListener('change', () => {
        this.#pick[i] = Number(select.value);
        void this.#update();
      });
    }
  }

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`results viewer: missing ${selector}`);
    return found;
  }

  async #add(files: File[]) {
    for (const f of files) {
      const taken = new Set(this.#files.map((x) => x.name));
      let name = f.name;
      for (let i = 2; taken.has(name); i++) name = `${f.name} (${i})`;
      this.#files.push({ name, text: await f.text() });
    }
    await this.#update();
  }

  #pair(): [number, number] | null {
    return this.#files.length < 2 ? null : this.#pick;
  }

  async #update() {
    const seq = ++this.#seq;
    const status = this.#q('[data-status]');
    (this.#q('[data-action="clear"]') as HTMLButtonElement).disabled = this.#files.length === 0;
    if (this.#files.length === 0) {
      status.textContent = 'No files loaded yet.';
      for (const s of this.querySelectorAll<HTMLElement>('[data-section]')) s.hidden = true;
      return;
    }
    status.textContent = 'Reading…';
    this.#syncSelects();
    let view: ResultsView;
    try {
      view = await engine().results({ files: this.#files, compare: this.#pair() });
    } catch (e) {
      status.textContent = `Could not read the files: ${(e as Error).message}`;
      return;
    }
    if (seq !== this.#seq) return; // a newer load is on its way
    const lines = view.files.reduce((s, f) => s + f.bench + f.probe, 0);
    const problems = view.files.reduce((s, f) => s + f.issues.length, 0);
    status.textContent =
      `${view.files.length} file${view.files.length === 1 ? '' : 's'} loaded: ${lines} valid line${lines === 1 ? '' : 's'}, ` +
      `${problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'} (listed below)`}.`;
    this.#renderFiles(view);
    this.#renderComparison(view);
    await this.#renderCharts(view, seq);
  }

  #syncSelects() {
    const n = this.#files.length;
    this.#pick = this.#pick.map((v, i) => (v < n ? v : Math.min(i, n - 1))) as [number, number];
    for (const [i, side] of ['a', 'b'].entries()) {
      const select = this.#q<HTMLSelectElement>(`[data-compare="${side}"]`);
      select.replaceChildren(...this.#files.map((f, j) => el('option', { value: String(j) }, [f.name])));
      select.value = String(this.#pick[i]);
    }
  }

  #renderFiles(view: ResultsView) {
    this.#q('[data-section="files"]').hidden = false;
    this.#q('[data-file-list]').replaceChildren(
      ...view.files.map((f) =>
        el('li', {}, [
          el('span', { class: 'issue-file' }, [f.name]),
          `: ${f.bench} bench line${f.bench === 1 ? '' : 's'}, ${f.probe} probe line${f.probe === 1 ? '' : 's'}`,
          f.issues.length ? `, ${f.issues.length} problem${f.issues.length === 1 ? '' : 's'}` : ', no problems',
        ]),
      ),
    );
    const rows = view.files.flatMap((f) => f.issues.map((i) => [f.name, String(i.line), i.field, i.value, i.message]));
    this.#q('[data-issues]').replaceChildren(
      rows.length === 0
        ? el('p', { class: 'gp-ok' }, ['Every line is valid.'])
        : table(
            'Problems, line by line (these lines are left out of the charts)',
            ['File', 'Line', 'Field', 'Value', 'Problem'],
            rows,
            { numeric: [1], testid: 'issues' },
          ),
    );
  }

  #renderComparison(view: ResultsView) {
    const section = this.#q('[data-section="compare"]');
    section.hidden = this.#files.length < 2;
    const out = this.#q('[data-comparison]');
    const c = view.comparison;
    if (!c) {
      out.replaceChildren(el('p', {}, ['Choose two different runs.']));
      return;
    }
    const verdict = el('p', { class: c.within ? 'gp-ok' : 'gp-bad', 'data-verdict': c.within ? 'within' : 'outside' }, [
      c.rows.length === 0
        ? 'No workload appears in both runs: nothing to compare.'
        : c.within
          ? `Reproduced: every headline metric of ${c.b} is within ±${c.tolerancePct}% of ${c.a}.`
          : `Not reproduced: some metrics of ${c.b} differ from ${c.a} by more than ±${c.tolerancePct}% (marked “no”).`,
    ]);
    const rows = c.rows.map((r) => [
      r.workload,
      r.metric,
      fmt(r.a),
      fmt(r.b),
      r.changePct === null ? 'from 0' : `${r.changePct >= 0 ? '+' : ''}${r.changePct.toFixed(1)}%`,
      r.within ? 'yes' : 'no',
    ]);
    const extra: HTMLElement[] = [];
    if (c.onlyInA.length) extra.push(el('p', {}, [`Only in ${c.a}: ${c.onlyInA.join('; ')}.`]));
    if (c.onlyInB.length) extra.push(el('p', {}, [`Only in ${c.b}: ${c.onlyInB.join('; ')}.`]));
    if (c.skippedIncomplete)
      extra.push(el('p', {}, [`${c.skippedIncomplete} incomplete (interrupted) lines left out.`]));
    out.replaceChildren(
      verdict,
      ...(rows.length
        ? [
            table(
              `${c.a} (A) against ${c.b} (B), side by side`,
              ['Workload', 'Metric', 'A', 'B', 'Change', `Within ±${c.tolerancePct}%`],
              rows,
              { numeric: [2, 3, 4], testid: 'comparison' },
            ),
          ]
        : []),
      ...extra,
    );
  }

  async #renderCharts(view: ResultsView, seq: number) {
    const section = this.#q('[data-section="charts"]');
    const specs = chartSpecs(view);
    section.hidden = specs.length === 0 && view.probes.length === 0 && view.notes.length === 0;
    const host = this.#q('[data-charts]');
    const figures: HTMLElement[] = [];
    if (view.probes.length)
      figures.push(
        table(
          'Probe figures against the catalog peak of the recognised GPU',
          ['File', 'Measurement', 'Measured', 'Catalog peak', 'Share of peak'],
          view.probes.map((p) => [
            p.file,
            p.what,
            `${fmt(p.measured)} ${p.unit}`,
            p.peak === null ? 'GPU not in the catalog' : `${fmt(p.peak)} ${p.unit}`,
            p.peak === null
              ? '—'
              : `${((p.measured / p.peak) * 100).toFixed(1)}%${p.measured > p.peak ? ' (above the peak: check the measurement)' : ''}`,
          ]),
          { numeric: [2, 3, 4], testid: 'probe-figures' },
        ),
      );
    if (specs.length) {
      const Plot = await import('@observablehq/plot');
      if (seq !== this.#seq) return;
      for (const spec of specs) {
        const svg = Plot.plot({ ...spec.plot(Plot), ariaLabel: spec.alt });
        figures.push(
          el('figure', { 'data-chart': spec.id }, [
            el('figcaption', {}, [el('strong', {}, [spec.title]), ` ${spec.caption}`]),
            svg as unknown as HTMLElement,
            el('details', {}, [
              el('summary', {}, ['Numbers behind this chart']),
              table(spec.title, spec.columns, spec.rows, { numeric: spec.numeric }),
            ]),
          ]),
        );
      }
    }
    host.replaceChildren(...figures);
    this.#q('[data-notes]').replaceChildren(...view.notes.map((n) => el('li', {}, [n])));
  }
}

customElements.define('gp-results', ResultsViewer);
