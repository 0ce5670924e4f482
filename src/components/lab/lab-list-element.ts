// Fills the Labs page's status column from what this browser holds: a saved draft means the lab was started.
const draftKey = (id: string) => `goodput:lab:${id}:draft:v1`;

function has(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

class LabListElement extends HTMLElement {
  connectedCallback() {
    const rows = [...this.querySelectorAll<HTMLTableRowElement>('tr[data-lab-row]')];
    let started = 0;
    for (const row of rows) {
      const id = row.dataset.labRow ?? '';
      const cell = row.querySelector<HTMLElement>('[data-status]');
      if (!cell) continue;
      const status = has(draftKey(id)) ? 'started' : 'not-started';
      if (status === 'started') started++;
      cell.dataset.status = status;
      cell.textContent = status === 'started' ? 'Started (draft saved)' : 'Not started';
    }
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (summary) summary.textContent = `You have started ${started} of ${rows.length} labs in this browser.`;
  }
}

customElements.define('gp-lab-list', LabListElement);
