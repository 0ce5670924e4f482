import { z } from 'zod';
import { InterconnectId } from './interconnects.ts';

const positive = (what: string) => z.number({ error: `${what} must be a number` }).positive();

/** A GPU as the engine sees it: capacity, bandwidth and dense tensor throughput, each with a source. */
export const Gpu = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  /** Other names people use for the card ("h100" for the SXM part). */
  aliases: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
  /** What the vendor prints on the box, e.g. "80 GB HBM3". */
  memoryLabel: z.string().min(1),
  /** Total device memory in bytes as nvidia-smi reports it (MiB × 2^20). */
  memoryBytes: z.number().int().positive(),
  /** Peak memory bandwidth in bytes per second (vendor figure). */
  bandwidthBytesPerS: positive('bandwidth'),
  /** Dense (not 2:4-sparse) tensor-core peaks, in operations per second; null where the GPU has no such mode. */
  denseOpsPerS: z.object({
    bf16: positive('BF16 throughput'),
    fp8: positive('FP8 throughput').nullable(),
    int8: positive('INT8 throughput').nullable(),
  }),
  /**
   * Total memory as CUDA reports it (cudaMemGetInfo, torch.cuda.mem_get_info), which is what vLLM multiplies by
   * gpu_memory_utilization. A few hundred MiB under nvidia-smi's figure; absent where no measurement was found.
   */
  cudaMemoryBytes: z.number().int().positive().optional(),
  /** The GPU-to-GPU link the card has natively: the simulator's default for tensor parallelism. */
  interconnect: InterconnectId,
  /** Peak FP32 throughput of the CUDA (non-tensor) cores, which run dequantization. */
  fp32OpsPerS: positive('FP32 throughput').optional(),
  sources: z.object({
    memory: z.string().min(1),
    bandwidth: z.string().min(1),
    compute: z.string().min(1),
    cudaMemory: z.string().min(1).optional(),
    fp32: z.string().min(1).optional(),
    interconnect: z.string().min(1),
  }),
  notes: z.string().optional(),
});
export type Gpu = z.infer<typeof Gpu>;
