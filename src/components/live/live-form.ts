// Small shared pieces for the live elements of parts 6–8: debounced recompute, field errors, number reading.

export interface FieldIssue {
  field: string;
  message: string;
}

/** Run `update` shortly after the last input, and drop replies that a newer request has overtaken. */
export function recomputeOnInput(root: HTMLElement, update: (isCurrent: () => boolean) => Promise<void>): () => void {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    const mine = ++seq;
    void update(() => mine === seq);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  };
  const form = root.querySelector('form');
  form?.addEventListener('input', schedule);
  form?.addEventListener('change', schedule);
  form?.addEventListener('submit', (e) => e.preventDefault());
  return run;
}

/** A number from an input; empty means NaN so the engine's validation names the field. */
export function numberField(root: HTMLElement, name: string): number {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  const raw = el?.value.trim() ?? '';
  return raw === '' ? Number.NaN : Number(raw);
}

/**
 * Show validation problems next to their fields (slots marked data-error-for) and mark the inputs invalid.
 * `inputFor` maps an engine field name to the input's name where they differ (a share typed in percent, say).
 */
export function showIssues(
  root: HTMLElement,
  issues: readonly FieldIssue[],
  labels: Record<string, string>,
  inputFor: Record<string, string> = {},
): void {
  for (const slot of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    slot.textContent = '';
    const field = slot.dataset.errorFor ?? '';
    root.querySelector(`[name="${inputFor[field] ?? field}"]`)?.removeAttribute('aria-invalid');
  }
  for (const issue of issues) {
    const slot = root.querySelector<HTMLElement>(`[data-error-for="${issue.field}"]`);
    if (!slot) continue;
    slot.textContent = `${labels[issue.field] ?? issue.field} ${issue.message}`;
    root.querySelector(`[name="${inputFor[issue.field] ?? issue.field}"]`)?.setAttribute('aria-invalid', 'true');
  }
  const result = root.querySelector<HTMLElement>('[data-result]');
  if (result) result.style.opacity = issues.length > 0 ? '0.45' : '';
}

export function setText(root: ParentNode, selector: string, text: string): void {
  const el = root.querySelector(selector);
  if (el) el.textContent = text;
}
