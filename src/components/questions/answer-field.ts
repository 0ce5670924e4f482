// One renderer for a question's answer widget, used at build time (Astro `set:html`) and in the browser
// (`innerHTML`), so self-checks, the exam, the drill and the placement check all look and behave alike.
import type { Question } from '../../../graders/questions/schema.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c] as string);

/** Widget markup for a question; `prefix` makes element ids unique on the page, `labelledBy` names the question text. */
export function answerFieldHtml(q: Question, prefix: string, labelledBy: string): string {
  const a = q.answer;
  if (a.kind === 'number') {
    const unit = a.unit ? ` (${esc(a.unit)})` : '';
    return `<label class="gp-number"><span class="gp-visually-hidden">Your answer${unit}</span><input name="answer" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="${labelledBy}" placeholder="e.g. 12.3${a.unit ? ` ${esc(a.unit)}` : ''}" /></label>`;
  }
  if (a.kind === 'choice') {
    const options = a.options
      .map(
        (o) =>
          `<label class="gp-option" data-option="${o.id}"><input type="radio" name="${prefix}-choice" value="${o.id}" /><span class="gp-option-id" aria-hidden="true">${o.id}</span><span class="gp-option-label">${esc(o.label)}</span></label>`,
      )
      .join('');
    return `<fieldset class="gp-choice" aria-labelledby="${labelledBy}"><legend class="gp-visually-hidden">Pick one</legend>${options}</fieldset>`;
  }
  const items = a.items
    .map(
      (it) =>
        `<li data-id="${it.id}"><span class="gp-item-label">${esc(it.label)}</span><span class="gp-move"><button type="button" data-move="up" aria-label="Move up: ${esc(it.label)}">↑</button><button type="button" data-move="down" aria-label="Move down: ${esc(it.label)}">↓</button></span></li>`,
    )
    .join('');
  return `<div class="gp-order"><p class="gp-order-help" id="${prefix}-order-help">Use the arrow buttons to put the items in order, first at the top.</p><ol aria-labelledby="${labelledBy}" aria-describedby="${prefix}-order-help">${items}</ol><p class="gp-visually-hidden" role="status" aria-live="polite" data-order-status></p></div>`;
}

/** The answer as the grader reads it: the typed text, the picked option id, or item ids top to bottom. */
export function readAnswer(field: HTMLElement): string {
  const input = field.querySelector<HTMLInputElement>('input[name="answer"]');
  if (input) return input.value;
  const picked = field.querySelector<HTMLInputElement>('input[type="radio"]:checked');
  if (field.querySelector('.gp-choice')) return picked?.value ?? '';
  return [...field.querySelectorAll<HTMLLIElement>('.gp-order li')].map((li) => li.dataset.id ?? '').join(',');
}

/** Put a saved answer back into a freshly rendered widget (the exam restores answers after a reload). */
export function writeAnswer(field: HTMLElement, answer: string): void {
  const input = field.querySelector<HTMLInputElement>('input[name="answer"]');
  if (input) {
    input.value = answer;
    return;
  }
  const radio = field.querySelector<HTMLInputElement>(`input[type="radio"][value="${CSS.escape(answer)}"]`);
  if (radio) {
    radio.checked = true;
    return;
  }
  const list = field.querySelector('.gp-order ol');
  if (!list || answer === '') return;
  for (const id of answer.split(',')) {
    const li = list.querySelector(`li[data-id="${CSS.escape(id)}"]`);
    if (li) list.append(li);
  }
}

/** Has the learner given any answer yet? An untouched ordering counts as unanswered. */
export function isAnswered(field: HTMLElement): boolean {
  if (field.querySelector('.gp-order')) return field.dataset.touched === 'true';
  return readAnswer(field).trim() !== '';
}

/** Wire the ordering buttons (once per container; survives re-rendering) and report every change. */
export function wireAnswerField(container: HTMLElement, onChange: () => void): void {
  container.addEventListener('input', onChange);
  container.addEventListener('change', onChange);
  container.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-move]');
    if (!button || !container.contains(button)) return;
    const li = button.closest('li');
    const list = li?.parentElement;
    if (!li || !list) return;
    const up = button.dataset.move === 'up';
    const sibling = up ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (up) list.insertBefore(li, sibling);
    else list.insertBefore(sibling, li);
    // Keep focus on the same button so repeated presses keep moving the item.
    button.focus();
    const items = [...list.children];
    const label = li.querySelector('.gp-item-label')?.textContent ?? '';
    const status = list.parentElement?.querySelector<HTMLElement>('[data-order-status]');
    if (status) status.textContent = `"${label}" moved to position ${items.indexOf(li) + 1} of ${items.length}.`;
    const field = list.closest<HTMLElement>('[data-field]');
    if (field) field.dataset.touched = 'true';
    onChange();
  });
}
