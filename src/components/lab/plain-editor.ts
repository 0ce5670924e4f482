// A plain text area for touch devices (Monaco has no touch support) and for anyone who prefers one, e.g. with a
// screen reader. Type-checking and compiling still go through Monaco's TypeScript worker, on a model no editor shows.
import type { LabEditor, LabModel } from './monaco.ts';

export function createPlainEditor(host: HTMLElement, lab: LabModel, options: { label: string }): LabEditor {
  const area = document.createElement('textarea');
  area.className = 'plain-editor';
  area.value = lab.getValue();
  area.spellcheck = false;
  area.wrap = 'off';
  area.autocapitalize = 'off';
  area.setAttribute('autocorrect', 'off');
  area.setAttribute('aria-label', options.label);
  area.dataset.plainEditor = '';
  area.addEventListener('input', () => lab.setValue(area.value));
  host.append(area);
  return {
    ...lab,
    setValue: (code) => {
      area.value = code;
      lab.setValue(code);
    },
    focus: () => area.focus(),
    dispose: () => {
      area.remove();
      lab.dispose();
    },
  };
}
