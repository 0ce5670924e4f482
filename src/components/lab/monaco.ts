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
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

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
  strict: true,
  noImplicitAny: true,
  isolatedModules: true,
});
// Unused parameters in the starter are expected; only real errors should block a run.
typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [6133, 6192, 6196],
});

export interface Problem {
  line: number;
  column: number;
  message: string;
}

export interface LabEditor {
  getValue(): string;
  setValue(code: string): void;
  onChange(listener: () => void): void;
  /** Type-check and transpile; JavaScript only when there are no errors. */
  compile(): Promise<{ problems: Problem[]; js: string | null }>;
  focus(): void;
}

function theme(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs';
}

let counter = 0;

export function createLabEditor(
  host: HTMLElement,
  code: string,
  options: { readOnly?: boolean; label: string },
): LabEditor {
  const uri = monaco.Uri.parse(`file:///lab-${++counter}.ts`);
  const model = monaco.editor.createModel(code, 'typescript', uri);
  const editor = monaco.editor.create(host, {
    model,
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
  new MutationObserver(() => monaco.editor.setTheme(theme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  return {
    getValue: () => model.getValue(),
    setValue: (v) => model.setValue(v),
    onChange: (listener) => {
      model.onDidChangeContent(listener);
    },
    focus: () => editor.focus(),
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
        return { line: pos.lineNumber, column: pos.column, message: text };
      });
      if (problems.length > 0) return { problems, js: null };
      const out = await client.getEmitOutput(key);
      const js = out.outputFiles.find((f) => f.name.endsWith('.js'))?.text ?? null;
      return { problems, js };
    },
  };
}
