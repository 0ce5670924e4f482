// The course's order, as data: every part, chapter, lab and tool page with its slug under content/docs.
// The sidebar shows the entries whose page exists, so a chapter appears by creating its file.

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
    entries: [
      { slug: 'index', title: 'Welcome to Goodput' },
      { slug: 'glossary', title: 'Glossary' },
    ],
  },
  {
    label: 'Part 0 — The job',
    entries: [
      { slug: 'job/what-we-ship', title: '1. What an inference engineer ships' },
      { slug: 'job/metrics', title: '2. The metrics that decide' },
      { slug: 'job/placement', title: '3. Placement check' },
    ],
  },
  {
    label: 'Part 1 — The frozen model',
    entries: [
      { slug: 'frozen-model/training-to-checkpoint', title: '4. From training to checkpoint' },
      { slug: 'frozen-model/weights-in-memory', title: '5. Weights in memory' },
      { slug: 'frozen-model/dense-and-moe', title: '6. Dense and mixture-of-experts' },
      { slug: 'frozen-model/architectures', title: '7. Decoder, encoder, encoder–decoder' },
      { slug: 'frozen-model/model-card', title: '8. Reading a model card' },
    ],
  },
  {
    label: 'Part 2 — The physics of a forward pass',
    entries: [
      { slug: 'physics/prefill-and-decode', title: '9. Prefill and decode' },
      { slug: 'physics/memory-wall', title: '10. The memory wall' },
      { slug: 'physics/live-forward-pass', title: '11. A live forward pass' },
      { slug: 'physics/batching', title: '12. Batching' },
    ],
  },
  {
    label: 'Part 3 — The KV cache',
    entries: [
      { slug: 'kv-cache/bytes-per-token', title: '13. KV bytes per token' },
      { slug: 'kv-cache/paged-attention', title: '14. Fragmentation and paged attention' },
      { slug: 'kv-cache/prefix-caching', title: '15. Prefix sharing and prefix caching' },
      { slug: 'kv-cache/quantization-and-offload', title: '16. KV quantization, offload and eviction' },
    ],
  },
  {
    label: 'Part 4 — Precision',
    entries: [
      { slug: 'precision/quantization', title: '17. Quantization' },
      { slug: 'precision/unpacking-tax', title: '18. The unpacking tax' },
      { slug: 'precision/accuracy-parity', title: '19. Accuracy parity' },
    ],
  },
  {
    label: 'Part 5 — Scheduling and serving techniques',
    entries: [
      { slug: 'serving/continuous-batching', title: '20. Static vs continuous batching' },
      { slug: 'serving/chunked-prefill', title: '21. Chunked prefill' },
      { slug: 'serving/speculative-decoding', title: '22. Speculative decoding' },
      { slug: 'serving/parallelism', title: '23. Parallelism' },
      { slug: 'serving/disaggregation', title: '24. Disaggregated prefill and decode' },
      { slug: 'serving/cheat-sheet', title: '25. Symptom → technique → layer → setting' },
    ],
  },
  {
    label: 'Part 6 — The serving stack',
    entries: [
      { slug: 'stack/layers', title: '26. Layers L0–L6' },
      { slug: 'stack/diagnosing', title: '27. Diagnosing by layer' },
    ],
  },
  {
    label: 'Part 7 — Measuring and profiling',
    entries: [
      { slug: 'measuring/diagnostic-flow', title: '28. The diagnostic flow' },
      { slug: 'measuring/serving-path', title: '29. Profiling the serving path' },
      { slug: 'measuring/profilers', title: '30. Profilers and what each sees' },
      { slug: 'measuring/benchmark-template', title: '31. The benchmark template' },
    ],
  },
  {
    label: 'Part 8 — Economics and architecture',
    entries: [
      { slug: 'economics/cost', title: '32. Cost per million tokens' },
      { slug: 'economics/topologies', title: '33. Deployment topologies' },
      { slug: 'economics/principles', title: '34. Principles and what comes next' },
    ],
  },
  {
    label: 'Labs',
    entries: [
      { slug: 'labs', title: 'All labs' },
      { slug: 'labs/kv-bytes', title: 'Lab 1: KV bytes per token' },
      { slug: 'labs/decode-ceiling', title: 'Lab 2: Decode ceiling, ridge point, regime' },
      { slug: 'labs/max-concurrency', title: 'Lab 3: Max concurrency' },
      { slug: 'labs/percentiles-goodput', title: 'Lab 4: Percentiles and goodput' },
      { slug: 'labs/cost', title: 'Lab 5: $/MTok and cost per stage' },
      { slug: 'labs/scheduler', title: 'Lab 6: A continuous-batching scheduler' },
      { slug: 'labs/chunked-prefill', title: 'Lab 7: Chunked prefill' },
      { slug: 'labs/block-allocator', title: 'Lab 8: A paged block allocator' },
      { slug: 'labs/speculative', title: 'Lab 9: Speculative decoding break-even' },
      { slug: 'labs/unpacking-tax', title: 'Lab 10: The unpacking tax' },
      { slug: 'labs/stage-attribution', title: 'Lab 11: Per-stage attribution' },
      { slug: 'labs/diagnose-layer', title: 'Lab 12: Diagnose the layer' },
    ],
  },
  {
    label: 'Tools and certification',
    entries: [
      { slug: 'tools/simulator', title: 'Serving simulator' },
      { slug: 'tools/simulator-comparisons', title: 'Simulator comparisons' },
      { slug: 'tools/kits', title: 'Lab kits (downloads)' },
      { slug: 'tools/results', title: 'Results viewer' },
      { slug: 'tools/progress', title: 'Your progress' },
      { slug: 'tools/drill', title: 'Interview drill' },
      { slug: 'exam', title: 'Certification exam' },
    ],
  },
];
