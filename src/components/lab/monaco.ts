// The lab editor: Monaco's core, the TypeScript language service and a few contributions, nothing else.
// Loaded on demand, only where a lab is on the page.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/features/find/register';
import 'monaco-editor/languages/definitions/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import {
  getTypeScriptWorker,
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import type { SourceMap } from '../../../graders/labs/source-map.ts';
import type { TypeLib } from './lab-types.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(id: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  // Lab code runs in a worker: no DOM, so `document` is a type error rather than a surprise at run time.
  lib: ['lib.esnext.d.ts', 'lib.webworker.d.ts', 'lib.webworker.iterable.d.ts'],
  strict: true,
  noImplicitAny: true,
  isolatedModules: true,
  sourceMap: true,
});
// Unused parameters in the starter are expected; only real errors should block a run.
typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [6133, 6192, 6196],
});

/** Give the TypeScript worker the types of what the lab may import from 'goodput'. */
export function setLabTypes(libs: TypeLib[]): void {
  typescriptDefaults.setExtraLibs(libs);
}

export interface Problem {
  line: number;
  column: number;
  message: string;
}

export interface Compiled {
  problems: Problem[];
  /** JavaScript, only when there are no errors. */
  js: string | null;
  map: SourceMap | null;
}

/** A TypeScript model the worker can check and compile, with or without an editor showing it. */
export interface LabModel {
  getValue(): string;
  setValue(code: string): void;
  onChange(listener: () => void): void;
  compile(): Promise<Compiled>;
  dispose(): void;
}

export interface LabEditor extends LabModel {
  focus(): void;
}

const NO_PAGE =
  'Lab code runs in a sandboxed worker with no page or storage: compute from the arguments your functions receive.';

/** TypeScript's advice for a DOM name ("change your target library") would mislead here; say what is going on. */
function explain(message: string): string {
  return /Cannot find name '(document|window|localStorage|sessionStorage|alert|navigator)'/.test(message)
    ? `${message.replace(/ Do you need to change.*$/, '')} ${NO_PAGE}`
    : message;
}

function theme(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs';
}

let counter = 0;

/** A model of the learner's code; the TypeScript worker checks and emits it without any editor on screen. */
export function createLabModel(code: string): LabModel & { model: monaco.editor.ITextModel } {
  const uri = monaco.Uri.parse(`file:///lab-${++counter}.ts`);
  const model = monaco.editor.createModel(code, 'typescript', uri);
  return {
    model,
    getValue: () => model.getValue(),
    setValue: (v) => model.setValue(v),
    onChange: (listener) => {
      model.onDidChangeContent(listener);
    },
    dispose: () => model.dispose(),
    async compile() {
      const client = await (await getTypeScriptWorker())(uri);
      const key = uri.toString();
      const diagnostics = [
        ...(await client.getSyntacticDiagnostics(key)),
        ...(await client.getSemanticDiagnostics(key)),
      ].filter((d) => d.category === 1);
      const problems = diagnostics.map((d) => {
        const pos = model.getPositionAt(d.start ?? 0);
        const text = typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText;
        return { line: pos.lineNumber, column: pos.column, message: explain(text) };
      });
      if (problems.length > 0) return { problems, js: null, map: null };
      const out = await client.getEmitOutput(key);
      const js = out.outputFiles.find((f) => f.name.endsWith('.js'))?.text ?? null;
      const mapText = out.outputFiles.find((f) => f.name.endsWith('.js.map'))?.text;
      return {
        problems,
        js: js?.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n') ?? null,
        map: mapText ? (JSON.parse(mapText) as SourceMap) : null,
      };
    },
  };
}

export function createLabEditor(
  host: HTMLElement,
  code: string,
  options: { readOnly?: boolean; label: string },
): LabEditor {
  const lab = createLabModel(code);
  const editor = monaco.editor.create(host, {
    model: lab.model,
    readOnly: options.readOnly ?? false,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    theme: theme(),
    ariaLabel: options.label,
    fixedOverflowWidgets: true,
  });
  const themeWatch = new MutationObserver(() => monaco.editor.setTheme(theme()));
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    ...lab,
    focus: () => editor.focus(),
    dispose: () => {
      themeWatch.disconnect();
      editor.dispose();
      lab.dispose();
    },
  };
}
