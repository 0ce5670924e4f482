// What every calculator on the page does with its form: recompute when a field changes (debounced, newest answer
// wins), read numbers honestly (an empty box is NaN, so the engine's validation names it), and show the engine's
// validation issues beside the fields they belong to.

export interface FieldIssue {
  field: string;
  message: string;
}

/** A custom element whose form drives a recomputation in the engine worker. */
export abstract class FormIsland extends HTMLElement {
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Quiet time after the last keystroke before recomputing. */
  protected debounceMs = 150;

  connectedCallback(): void {
    const form = this.querySelector('form');
    form?.addEventListener('input', () => this.schedule());
    form?.addEventListener('change', () => this.schedule());
    form?.addEventListener('submit', (e) => e.preventDefault());
  }

  protected schedule(ms = this.debounceMs): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), ms);
  }

  async #run(): Promise<void> {
    const seq = ++this.#seq;
    await this.recompute(() => seq === this.#seq, seq);
  }

  /** Ask the worker and draw the answer; check `isLatest()` after each await, as a newer run may have started. */
  protected abstract recompute(isLatest: () => boolean, seq: number): Promise<void>;
}

/** A field's value as a number: an empty box is NaN rather than 0, so validation can name it. */
export function numberValue(el: { value: string }): number {
  const raw = el.value.trim();
  return raw === '' ? Number.NaN : Number(raw);
}

/** Empty every error slot under `root` and unmark its fields. */
export function clearFieldErrors(root: HTMLElement): void {
  for (const slot of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    slot.textContent = '';
    root.querySelector(`[name="${slot.dataset.errorFor}"]`)?.removeAttribute('aria-invalid');
  }
}

/**
 * Put each issue in its field's slot (or the form-wide `_form` slot), prefixed with the field's label, and mark the
 * field invalid. Returns the issues that found no slot, for the caller to show elsewhere.
 */
export function showFieldErrors(root: HTMLElement, issues: readonly FieldIssue[]): FieldIssue[] {
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const field = root.querySelector<HTMLElement>(`[name="${issue.field}"]`);
    const slot =
      root.querySelector<HTMLElement>(`[data-error-for="${issue.field}"]`) ??
      root.querySelector<HTMLElement>('[data-error-for="_form"]');
    field?.setAttribute('aria-invalid', 'true');
    if (!slot) {
      unplaced.push(issue);
      continue;
    }
    const label = field?.dataset.label ?? field?.closest('label')?.firstChild?.textContent?.trim() ?? issue.field;
    const text = `${label} ${issue.message}`;
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
  }
  return unplaced;
}
