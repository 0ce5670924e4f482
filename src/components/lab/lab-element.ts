import type { LabEditor, Problem } from './monaco.ts';
import { runLab } from './run-lab.ts';

const draftKey = (id: string) => `goodput:lab:${id}:draft:v1`;

function readDraft(id: string): string | null {
  try {
    return localStorage.getItem(draftKey(id));
  } catch {
    return null; // storage disabled: the lab still works, drafts just do not persist
  }
}

function writeDraft(id: string, code: string): void {
  try {
    localStorage.setItem(draftKey(id), code);
  } catch {
    // quota or privacy mode; nothing to do
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

class LabElement extends HTMLElement {
  #editor: LabEditor | undefined;
  #solution: LabEditor | undefined;
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
    const draft = readDraft(this.labId);
    if (draft !== null) this.#q<HTMLElement>('[data-placeholder]').textContent = draft;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        void this.#load();
      }
    });
    io.observe(this);
    this.#q('[data-action="run"]').addEventListener('click', () => void this.#run());
    this.#q('[data-action="hint"]').addEventListener('click', () => this.#hint());
    this.#q('[data-action="solution"]').addEventListener('click', () => void this.#toggleSolution());
    this.#q('[data-action="reset"]').addEventListener('click', () => this.#reset());
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

  async #load() {
    const { createLabEditor } = await import('./monaco.ts');
    const host = this.#q<HTMLElement>('[data-editor]');
    const code = readDraft(this.labId) ?? this.#template('starter');
    host.replaceChildren();
    this.#editor = createLabEditor(host, code, { label: 'Your lab code' });
    this.#editor.onChange(() => writeDraft(this.labId, this.#editor?.getValue() ?? ''));
    this.#q<HTMLButtonElement>('[data-action="run"]').disabled = false;
    this.dataset.ready = 'true';
    this.#status(readDraft(this.labId) !== null ? 'Editor ready — your saved draft was restored.' : 'Editor ready.');
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

  async #run() {
    if (!this.#editor || this.#running) return;
    this.#running = true;
    const runButton = this.#q<HTMLButtonElement>('[data-action="run"]');
    runButton.disabled = true;
    const out = this.#q<HTMLElement>('[data-output]');
    this.#status('Checking types…');
    try {
      const { problems, js } = await this.#editor.compile();
      if (problems.length > 0 || js === null) {
        this.#renderProblems(problems);
        this.#status('Type errors found.');
        return;
      }
      const limit = Number(this.dataset.timeLimit ?? 2000);
      this.#status('Running the hidden tests…');
      const outcome = await runLab(this.labId, js, limit, Math.floor(Math.random() * 1e6));
      if (outcome.kind === 'timeout') {
        out.replaceChildren(
          el(
            'p',
            `Stopped after ${outcome.limitMs / 1000} s: the tests did not finish in time. Look for a loop that never ends. The runner was shut down; the page is fine, and you can run again.`,
            'gp-bad',
          ),
        );
        this.dataset.result = 'timeout';
        this.#status('Time limit reached.');
        return;
      }
      const { results, logs, loadError } = outcome.reply;
      const parts: HTMLElement[] = [];
      if (loadError) {
        parts.push(el('p', `Your module failed to load: ${loadError}`, 'gp-bad'));
        this.dataset.result = 'load-error';
      } else {
        const passed = results.filter((r) => r.passed).length;
        const all = passed === results.length;
        parts.push(
          el(
            'p',
            `${passed} of ${results.length} tests passed.${all ? ' Well done — the lab is solved.' : ''}`,
            all ? 'gp-ok' : 'gp-bad',
          ),
        );
        const list = el('ul');
        for (const r of results) {
          const li = el('li');
          li.dataset.passed = String(r.passed);
          li.append(el('span', `${r.passed ? '✓' : '✗'} ${r.name}`, r.passed ? 'gp-ok' : 'gp-bad'));
          if (!r.passed) li.append(el('span', r.message, 'msg'));
          list.append(li);
        }
        parts.push(list);
        this.dataset.result = all ? 'pass' : 'fail';
        if (all) void import('../../progress/record.ts').then((progress) => progress.recordLabPassed(this.labId));
      }
      if (logs.length > 0) {
        parts.push(el('p', 'Console output:'));
        parts.push(el('pre', logs.join('\n')));
      }
      out.replaceChildren(...parts);
      this.#status('Done.');
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
  }

  async #toggleSolution() {
    const pane = this.#q<HTMLElement>('[data-solution-pane]');
    const button = this.#q<HTMLButtonElement>('[data-action="solution"]');
    const show = pane.hidden === true;
    pane.hidden = !show;
    this.#q<HTMLElement>('[data-panes]').toggleAttribute('data-split', show);
    button.textContent = show ? 'Hide solution' : 'Show solution';
    button.setAttribute('aria-expanded', String(show));
    if (show && !this.#solution) {
      const { createLabEditor } = await import('./monaco.ts');
      this.#solution = createLabEditor(this.#q<HTMLElement>('[data-solution-editor]'), this.#template('solution'), {
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
    this.#status('Reset to the starter code.');
    this.#editor.focus();
  }
}

customElements.define('gp-lab', LabElement);
