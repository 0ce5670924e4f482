// What a live element shows: a one-line verdict, a list of figures and an optional chart. Built by pure view
// functions that run at build time (the first state) and in the engine worker (every later state).

export interface IslandRow {
  label: string;
  value: string;
}

export interface IslandFigure {
  /** SVG markup from renderPlot(). */
  svg: string;
  /** The chart in words, for screen readers. */
  alt: string;
}

export interface IslandView {
  status: { tone: 'ok' | 'bad' | 'info'; text: string } | null;
  rows: IslandRow[];
  figure: IslandFigure | null;
}
