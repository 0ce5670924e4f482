// Fills the Labs page's status column from this browser: passed labs come from the learner's progress record, and a
// saved draft means a lab was started.
import { PROGRESS_EVENT } from '../../progress/record.ts';
import { loadProgress } from '../../progress/store.ts';

const draftKey = (id: string) => `goodput:lab:${id}:draft:v1`;
type Status = 'passed' | 'started' | 'not-started';
const LABEL: Record<Status, string> = {
  passed: 'Passed ✓',
  started: 'Started (draft saved)',
  'not-started': 'Not started',
};

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

class LabListElement extends HTMLElement {
  connectedCallback() {
    this.#render();
    window.addEventListener(PROGRESS_EVENT, () => this.#render());
  }

  #render() {
    const store = storage();
    const { progress, notice } = store
      ? loadProgress(store)
      : { progress: null, notice: 'This browser blocks local storage, so statuses cannot be shown.' };
    const passed = new Set(progress?.labs ?? []);
    const rows = [...this.querySelectorAll<HTMLTableRowElement>('tr[data-lab-row]')];
    const count: Record<Status, number> = { passed: 0, started: 0, 'not-started': 0 };
    for (const row of rows) {
      const id = row.dataset.labRow ?? '';
      const cell = row.querySelector<HTMLElement>('[data-status]');
      if (!cell) continue;
      const status: Status = passed.has(id)
        ? 'passed'
        : store?.getItem(draftKey(id)) != null
          ? 'started'
          : 'not-started';
      count[status]++;
      cell.dataset.status = status;
      cell.textContent = LABEL[status];
    }
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (summary)
      summary.textContent =
        notice ??
        `You have passed ${count.passed} of ${rows.length} labs${count.started > 0 ? ` and started ${count.started} more` : ''} in this browser.`;
  }
}

customElements.define('gp-lab-list', LabListElement);
