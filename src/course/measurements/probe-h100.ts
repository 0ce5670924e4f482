// A real run of the probe kit on an H100 SXM (2026-11-23: driver 580.159.04, CUDA 13.0, PyTorch 2.11.0,
// transformers 5.17.0), kept line for line as the kit wrote it. Read through the same schema the results page uses.
import { ProbeResult } from '../../engine/results.ts';
import text from './probe-h100-sxm-2026-11-23.jsonl?raw';

export const PROBE_H100_TEXT: string = text;
export const PROBE_H100_LINES: ProbeResult[] = text
  .trim()
  .split('\n')
  .map((line, i) => {
    const parsed = ProbeResult.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`probe-h100 line ${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
