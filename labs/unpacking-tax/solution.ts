// Reference solution for lab 10 (the unpacking tax).

export interface StepInput {
  batch: number;
  weightBytes16: number;
  weightBytes4: number;
  weightBytes8: number;
  kvBytesPerSequence: number;
  flopsPerToken: number;
  bandwidthBytesPerS: number;
  bf16FlopsPerS: number;
  fp8FlopsPerS: number;
  int4Weights: number;
  tileTokens: number;
  dequantOpsPerWeight: number;
  cudaCoreOpsPerS: number;
}

/** Seconds to stream `weightBytes` plus every sequence's KV cache. */
function memoryS(i: StepInput, weightBytes: number): number {
  return (weightBytes + i.batch * i.kvBytesPerSequence) / i.bandwidthBytesPerS;
}

function mathS(i: StepInput, flopsPerS: number): number {
  return (i.batch * i.flopsPerToken) / flopsPerS;
}

export function bf16StepS(i: StepInput): number {
  return Math.max(memoryS(i, i.weightBytes16), mathS(i, i.bf16FlopsPerS));
}

export function w4a16StepS(i: StepInput): number {
  // Unpacking runs on the CUDA cores once per tile of tokens, beside the 16-bit math; the loads can hide it.
  const dequantS = (i.int4Weights * Math.ceil(i.batch / i.tileTokens) * i.dequantOpsPerWeight) / i.cudaCoreOpsPerS;
  return Math.max(memoryS(i, i.weightBytes4), mathS(i, i.bf16FlopsPerS) + dequantS);
}

export function fp8StepS(i: StepInput): number {
  return Math.max(memoryS(i, i.weightBytes8), mathS(i, i.fp8FlopsPerS));
}

export function crossoverBatch(stepAt: (batch: number) => StepInput, against: 'bf16' | 'fp8'): number | null {
  const other = against === 'bf16' ? bf16StepS : fp8StepS;
  for (let batch = 1; batch <= 4096; batch++) {
    const i = stepAt(batch);
    if (w4a16StepS(i) >= other(i)) return batch;
  }
  return null;
}
