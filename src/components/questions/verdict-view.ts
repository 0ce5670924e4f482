// Render a grader's verdict: the verdict line, each option's explanation, and the worked solution.
import type { Verdict } from '../../../graders/questions/schema.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export function renderVerdict(out: HTMLElement, v: Verdict, opts: { study?: { href: string; title: string } } = {}) {
  const parts: HTMLElement[] = [];
  parts.push(
    el('p', `${v.correct ? '✓' : v.unitSlip ? '≈' : '✗'} ${v.message}`, `verdict ${v.correct ? 'gp-ok' : 'gp-bad'}`),
  );
  if (v.options) {
    const list = el('ul', undefined, 'gp-explanations');
    for (const o of v.options) {
      const mark = o.correct ? '✓' : o.chosen ? '✗' : '·';
      const label = /[.?!]$/.test(o.label) ? o.label : `${o.label}:`;
      const li = el(
        'li',
        `${mark} (${o.id}) ${label} ${o.explanation}`,
        o.correct ? 'gp-ok' : o.chosen ? 'gp-bad' : '',
      );
      if (o.chosen) li.prepend(el('span', 'Your pick. ', 'gp-visually-hidden'));
      list.append(li);
    }
    parts.push(list);
  }
  const details = el('details');
  details.open = !v.correct;
  details.append(el('summary', 'Worked solution'));
  const steps = el('ol');
  for (const s of v.solution) steps.append(el('li', s));
  details.append(steps);
  parts.push(details);
  if (opts.study && !v.correct) {
    const p = el('p', 'Where to learn this: ', 'gp-study');
    const a = el('a', opts.study.title);
    a.href = opts.study.href;
    p.append(a);
    parts.push(p);
  }
  out.replaceChildren(...parts);
}
