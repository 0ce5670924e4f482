// Charts for the course are Observable Plot figures. At build time (and in workers) there is no DOM, so Plot
// draws into linkedom's lightweight document and we keep the SVG markup.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export { Plot };

let doc: Document | undefined;
function headlessDocument(): Document {
  doc ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return doc;
}

/** Render a Plot figure to SVG (or figure) markup without a browser. */
export function renderPlot(options: Plot.PlotOptions): string {
  const node = Plot.plot({ ...options, document: headlessDocument() });
  return (node as unknown as { outerHTML: string }).outerHTML;
}
