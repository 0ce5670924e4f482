// Small DOM builders for the results viewer: elements from text (never HTML strings) and accessible tables.

type Child = Node | string;

export function el(tag: string, attrs: Record<string, string> = {}, children: Child[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A number for a table cell: three significant figures, thousands separated. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A table with a caption and column headers; `numeric` columns align right. */
export function table(
  caption: string,
  headers: string[],
  rows: string[][],
  opts: { numeric?: number[]; testid?: string } = {},
): HTMLElement {
  const numeric = new Set(opts.numeric ?? []);
  const attrs: Record<string, string> = {};
  if (opts.testid) attrs['data-testid'] = opts.testid;
  return el('table', attrs, [
    el('caption', {}, [caption]),
    el('thead', {}, [
      el(
        'tr',
        {},
        headers.map((h) => el('th', { scope: 'col' }, [h])),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          r.map((cell, i) => el('td', numeric.has(i) ? { class: 'num' } : {}, [cell])),
        ),
      ),
    ),
  ]);
}
