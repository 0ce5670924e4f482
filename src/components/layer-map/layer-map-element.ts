// Browser behaviour of the layer map; plain DOM, no engine needed (the data is course content, not arithmetic).
import type { LayerId, Symptom } from '../../course/stack/layers.ts';
import { type DiagnosisCase, judgeCase } from './cases.ts';

function json<T>(root: HTMLElement, selector: string): T {
  return JSON.parse(root.querySelector(selector)?.textContent ?? 'null') as T;
}

function light(root: HTMLElement, layer: LayerId | null, wrong: LayerId | null = null) {
  for (const li of root.querySelectorAll<HTMLElement>('[data-layer]')) {
    const id = li.dataset.layer;
    li.classList.toggle('lit', id === layer);
    li.classList.toggle('picked-wrong', id === wrong);
    if (id === layer) li.setAttribute('aria-current', 'true');
    else li.removeAttribute('aria-current');
  }
}

function setText(root: HTMLElement, selector: string, text: string) {
  const el = root.querySelector(selector);
  if (el) el.textContent = text;
}

export function wireLayerMap(root: HTMLElement) {
  const layers = json<{ id: LayerId; name: string }[]>(root, '[data-layers]');
  const name = (id: LayerId) => layers.find((l) => l.id === id)?.name ?? id;
  if (root.dataset.mode === 'explore') wireExplore(root, json<Symptom[]>(root, '[data-symptoms]'), name);
  else wireDiagnose(root, json<DiagnosisCase[]>(root, '[data-cases]'), name);
}

function wireExplore(root: HTMLElement, symptoms: Symptom[], name: (id: LayerId) => string) {
  root.addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    const s = symptoms.find((x) => x.id === input.value);
    if (!s) return;
    light(root, s.layer);
    setText(root, '[data-detail-layer]', `${s.layer} ${name(s.layer)}`);
    setText(root, '[data-detail-why]', s.why);
    setText(root, '[data-detail-fix]', s.fix);
    setText(root, '[data-detail-masked]', s.maskedBy);
  });
}

function wireDiagnose(root: HTMLElement, cases: DiagnosisCase[], name: (id: LayerId) => string) {
  let index = 0;
  const form = root.querySelector<HTMLFormElement>('[data-case-form]');
  const feedback = root.querySelector<HTMLElement>('[data-feedback]');
  if (!form || !feedback) return;

  const show = (i: number) => {
    const c = cases[i];
    if (!c) return;
    setText(root, '[data-case-count]', `Case ${i + 1} of ${cases.length}`);
    setText(root, '[data-case-title]', c.title);
    const list = root.querySelector('[data-case-observations]');
    list?.replaceChildren(
      ...c.observations.map((o) => {
        const li = document.createElement('li');
        li.textContent = o;
        return li;
      }),
    );
    form.reset();
    feedback.replaceChildren();
    light(root, null);
    delete root.dataset.state;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const c = cases[index];
    const picked = new FormData(form).get(form.querySelector('input[type=radio]')?.getAttribute('name') ?? '');
    if (!c) return;
    if (typeof picked !== 'string' || picked === '') {
      feedback.textContent = 'Choose a layer first.';
      return;
    }
    const verdict = judgeCase(c, picked as LayerId, name);
    const p = document.createElement('p');
    p.className = `verdict ${verdict.correct ? 'gp-ok' : 'gp-bad'}`;
    p.textContent = `${verdict.correct ? '✓' : '✗'} ${verdict.verdict}`;
    const why = document.createElement('p');
    why.textContent = verdict.explanation;
    feedback.replaceChildren(p, why);
    light(root, c.layer, verdict.correct ? null : (picked as LayerId));
    root.dataset.state = verdict.correct ? 'correct' : 'wrong';
  });

  root.querySelector('[data-action="next"]')?.addEventListener('click', () => {
    index = (index + 1) % cases.length;
    show(index);
    root.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  });
}
