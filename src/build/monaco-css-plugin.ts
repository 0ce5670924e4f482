// Monaco's modules import their own .css files. Left alone, Astro hoists that CSS into a <link> on every docs
// page (they all share one route). This plugin turns each Monaco stylesheet into a module that injects a
// <style> when the editor actually loads. Relative url()s (the codicon font) become bundled asset URLs.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '\0goodput-monaco-css:';
// The virtual id must not end in .css, or Vite's CSS pipeline claims it again.
const SUFFIX = '.inject.js';

export function monacoCssInline(): Plugin {
  return {
    name: 'goodput:monaco-css-inline',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.css') || !importer?.includes('/monaco-editor/')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      let css = readFileSync(file, 'utf8');
      const imports: string[] = [];
      css = css.replace(/url\((['"]?)(\.{1,2}\/[^'")]+)\1\)/g, (_m, _q, rel: string) => {
        const name = `__asset${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(`${resolve(dirname(file), rel)}?url`)};`);
        return `url("\${${name}}")`;
      });
      const body = JSON.stringify(css).replace(/\$\{(__asset\d+)\}/g, '" + $1 + "');
      return `${imports.join('\n')}
const style = document.createElement('style');
style.dataset.monaco = ${JSON.stringify(file.split('/monaco-editor/')[1] ?? file)};
style.textContent = ${body};
document.head.appendChild(style);
`;
    },
  };
}
