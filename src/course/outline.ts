// The course's order, as data: parts, and the chapters and labs in each (slugs under content/docs).

export interface OutlineEntry {
  slug: string;
  title: string;
}

export interface OutlinePart {
  label: string;
  entries: OutlineEntry[];
}

export const OUTLINE: OutlinePart[] = [
  {
    label: 'Start here',
    entries: [{ slug: 'index', title: 'Welcome to Goodput' }],
  },
  {
    label: 'Part 2 — The physics of a forward pass',
    entries: [{ slug: 'physics/memory-wall', title: '10. The memory wall' }],
  },
  {
    label: 'Labs',
    entries: [{ slug: 'labs/decode-ceiling', title: 'Lab 2: Decode ceiling, ridge point, regime' }],
  },
];
