import type { Comparison } from '../../../graders/labs/harness.ts';
import type { RunResult } from '../../worker/lab-runner.worker.ts';
import { entryLib, type TypeLib } from './lab-types.ts';
import type { LabEditor, Problem } from './monaco.ts';
import { runLab } from './run-lab.ts';

const draftKey = (id: string) => `goodput:lab:${id}:draft:v1`;
const EDITOR_KEY = 'goodput:lab:editor:v1';
type EditorKind = 'code' | 'plain';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the lab still works, drafts just do not persist
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // quota or privacy mode; nothing to do
  }
}

/** Touch-only devices get the plain editor unless the learner chose otherwise; Monaco has no touch support. */
function preferredEditor(): EditorKind {
  const chosen = read(EDITOR_KEY);
  if (chosen === 'code' || chosen === 'plain') return chosen;
  const touchOnly = matchMedia('(pointer: coarse)').matches && !matchMedia('(any-pointer: fine)').matches;
  return touchOnly ? 'plain' : 'code';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function comparisonTable(rows: Comparison[]): HTMLTableElement {
  const table = el('table', undefined, 'comparison');
  const head = el('tr');
  for (const h of ['Metric', 'Yours', 'Baseline', 'Target', '']) head.append(el('th', h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const r of rows) {
    const tr = el('tr');
    tr.append(el('td', r.metric), el('td', r.yours), el('td', r.baseline), el('td', r.target));
    tr.append(el('td', r.ok ? '✓ met' : '✗ missed', r.ok ? 'gp-ok' : 'gp-bad'));
    table.tBodies[0]?.append(tr);
  }
  return table;
}

class LabElement extends HTMLElement {
  #editor: LabEditor | undefined;
  #solution: LabEditor | undefined;
  #kind: EditorKind = 'code';
  #hintsShown = 0;
  #running = false;

  get labId(): string {
    return this.dataset.labId ?? '';
  }

  #q<T extends Element>(sel: string): T {
    const found = this.querySelector<T>(sel);
    if (!found) throw new Error(`lab markup lacks ${sel}`);
    return found;
  }

  #template(name: string): string {
    return this.#q<HTMLTemplateElement>(`template[data-${name}]`).content.textContent ?? '';
  }

  connectedCallback() {
    const draft = read(draftKey(this.labId));
    if (draft !== null) this.#q<HTMLElement>('[data-placeholder]').textContent = draft;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        void this.#load(preferredEditor());
      }
    });
    io.observe(this);
    this.#q('[data-action="run"]').addEventListener('click', () => void this.#run());
    this.#q('[data-action="hint"]').addEventListener('click', () => this.#hint());
    this.#q('[data-action="solution"]').addEventListener('click', () => void this.#toggleSolution());
    this.#q('[data-action="reset"]').addEventListener('click', () => this.#reset());
    this.#q('[data-action="editor"]').addEventListener('click', () => void this.#switchEditor());
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.#run();
      }
    });
  }

  #status(text: string) {
    this.#q<HTMLElement>('[data-status]').textContent = text;
  }

  #typeLibs(): TypeLib[] {
    const data = JSON.parse(this.#q<HTMLScriptElement>('[data-types-json]').textContent ?? '{}') as {
      libs?: TypeLib[];
      imports?: string[];
    };
    return [...(data.libs ?? []), entryLib(data.imports ?? [])];
  }

  async #load(kind: EditorKind) {
    const { createLabEditor, createLabModel, setLabTypes } = await import('./monaco.ts');
    setLabTypes(this.#typeLibs());
    const host = this.#q<HTMLElement>('[data-editor]');
    const restored = read(draftKey(this.labId));
    const code = this.#editor?.getValue() ?? restored ?? this.#template('starter');
    this.#editor?.dispose();
    host.replaceChildren();
    if (kind === 'plain') {
      const { createPlainEditor } = await import('./plain-editor.ts');
      this.#editor = createPlainEditor(host, createLabModel(code), { label: 'Your lab code' });
    } else {
      this.#editor = createLabEditor(host, code, { label: 'Your lab code' });
    }
    this.#kind = kind;
    this.dataset.editor = kind;
    this.#editor.onChange(() => write(draftKey(this.labId), this.#editor?.getValue() ?? ''));
    this.#q<HTMLButtonElement>('[data-action="run"]').disabled = false;
    this.#q<HTMLButtonElement>('[data-action="editor"]').textContent =
      kind === 'plain' ? 'Use the code editor' : 'Use a plain text box';
    this.dataset.ready = 'true';
    const which = kind === 'plain' ? 'Plain text editor' : 'Editor';
    this.#status(restored !== null ? `${which} ready — your saved draft was restored.` : `${which} ready.`);
  }

  async #switchEditor() {
    if (!this.#editor) return;
    const next: EditorKind = this.#kind === 'plain' ? 'code' : 'plain';
    write(EDITOR_KEY, next);
    await this.#load(next);
    this.#editor?.focus();
  }

  #renderProblems(problems: Problem[]) {
    const out = this.#q<HTMLElement>('[data-output]');
    const head = el(
      'p',
      `Fix ${problems.length === 1 ? 'this type error' : `these ${problems.length} type errors`} before the tests can run:`,
      'gp-bad',
    );
    const list = el('ul');
    for (const p of problems) list.append(el('li', `Line ${p.line}, column ${p.column}: ${p.message}`));
    out.replaceChildren(head, list);
    this.dataset.result = 'type-errors';
  }

  #renderResult(r: RunResult): HTMLLIElement {
    const li = el('li');
    li.dataset.passed = String(r.passed);
    li.append(el('span', `${r.passed ? '✓' : '✗'} ${r.name}`, r.passed ? 'gp-ok' : 'gp-bad'));
    if (!r.passed) {
      const at = r.where ? `Line ${r.where.line} of your code: ` : '';
      li.append(el('span', `${at}${r.message}`, 'msg'));
    }
    if (r.comparison) li.append(comparisonTable(r.comparison));
    return li;
  }

  async #run() {
    if (!this.#editor || this.#running) return;
    this.#running = true;
    const runButton = this.#q<HTMLButtonElement>('[data-action="run"]');
    runButton.disabled = true;
    const out = this.#q<HTMLElement>('[data-output]');
    this.#status('Checking types…');
    try {
      const { problems, js, map } = await this.#editor.compile();
      if (problems.length > 0 || js === null) {
        this.#renderProblems(problems);
        this.#status(`${problems.length === 1 ? 'One type error' : `${problems.length} type errors`} to fix first.`);
        return;
      }
      const limit = Number(this.dataset.timeLimit ?? 2000);
      this.#status('Running the hidden tests…');
      const outcome = await runLab(this.labId, js, map, limit, Math.floor(Math.random() * 1e6));
      if (outcome.kind === 'timeout') {
        out.replaceChildren(
          el(
            'p',
            `Stopped after ${outcome.limitMs / 1000} s: the tests did not finish within this lab's time limit. Look for a loop that never ends (or a promise that never settles). The runner was shut down; the page is fine, and you can run again.`,
            'gp-bad',
          ),
        );
        this.dataset.result = 'timeout';
        this.#status(`Time limit of ${outcome.limitMs / 1000} s reached; the tests were stopped.`);
        return;
      }
      const { results, logs, loadError, loadErrorWhere, durationMs } = outcome.reply;
      const parts: HTMLElement[] = [];
      let summary: string;
      if (loadError) {
        const at = loadErrorWhere ? ` (line ${loadErrorWhere.line} of your code)` : '';
        parts.push(el('p', `Your module failed to load${at}: ${loadError}`, 'gp-bad'));
        this.dataset.result = 'load-error';
        summary = 'Your code failed to load; see the message below the buttons.';
      } else {
        const passed = results.filter((r) => r.passed).length;
        const all = passed === results.length;
        summary = `${passed} of ${results.length} tests passed.${all ? ' Well done — the lab is solved.' : ''}`;
        const p = el('p', summary, all ? 'gp-ok' : 'gp-bad');
        p.append(
          el('span', ` (tests ran in ${(durationMs / 1000).toFixed(2)} s of the ${limit / 1000} s allowed)`, 'timing'),
        );
        p.dataset.durationMs = String(Math.round(durationMs));
        parts.push(p);
        const list = el('ul');
        for (const r of results) list.append(this.#renderResult(r));
        parts.push(list);
        this.dataset.result = all ? 'pass' : 'fail';
        if (all) void import('../../progress/record.ts').then((progress) => progress.recordLabPassed(this.labId));
      }
      if (logs.length > 0) {
        parts.push(el('p', 'Console output:'));
        parts.push(el('pre', logs.join('\n'), 'logs'));
      }
      out.replaceChildren(...parts);
      this.#status(summary);
    } catch (e) {
      out.replaceChildren(el('p', `The lab could not run: ${e instanceof Error ? e.message : String(e)}`, 'gp-bad'));
      this.dataset.result = 'runner-error';
      this.#status('The lab could not run.');
    } finally {
      this.#running = false;
      runButton.disabled = false;
    }
  }

  #hint() {
    const hints = JSON.parse(this.#q<HTMLScriptElement>('[data-hints-json]').textContent ?? '[]') as string[];
    const button = this.#q<HTMLButtonElement>('[data-action="hint"]');
    if (this.#hintsShown >= hints.length) return;
    const hint = hints[this.#hintsShown] ?? '';
    this.#q('[data-hints]').append(el('li', hint));
    this.#hintsShown++;
    button.textContent =
      this.#hintsShown < hints.length ? `Show hint ${this.#hintsShown + 1} of ${hints.length}` : 'No more hints';
    button.disabled = this.#hintsShown >= hints.length;
    this.#status(`Hint ${this.#hintsShown} of ${hints.length}: ${hint}`);
  }

  async #toggleSolution() {
    const pane = this.#q<HTMLElement>('[data-solution-pane]');
    const button = this.#q<HTMLButtonElement>('[data-action="solution"]');
    const show = pane.hidden === true;
    pane.hidden = !show;
    this.#q<HTMLElement>('[data-panes]').toggleAttribute('data-split', show);
    button.textContent = show ? 'Hide solution' : 'Show solution';
    button.setAttribute('aria-expanded', String(show));
    const host = this.#q<HTMLElement>('[data-solution-editor]');
    if (show && this.#kind === 'plain') {
      this.#solution?.dispose();
      this.#solution = undefined;
      host.replaceChildren(el('pre', this.#template('solution'), 'plain-solution'));
    } else if (show && !this.#solution) {
      host.replaceChildren();
      const { createLabEditor } = await import('./monaco.ts');
      this.#solution = createLabEditor(host, this.#template('solution'), {
        readOnly: true,
        label: 'Reference solution',
      });
    }
  }

  #reset() {
    if (!this.#editor) return;
    if (!window.confirm('Replace your code with the starter? Your current draft will be lost.')) return;
    this.#editor.setValue(this.#template('starter'));
    this.#q<HTMLElement>('[data-output]').replaceChildren();
    delete this.dataset.result;
    this.#status('Reset to the starter code.');
    this.#editor.focus();
  }
}

customElements.define('gp-lab', LabElement);
