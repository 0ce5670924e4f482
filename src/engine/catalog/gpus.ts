import { Gpu } from './gpu.ts';

const MiB = 2 ** 20;
const GBps = 1e9;
const T = 1e12;

// Compute figures are dense; NVIDIA datasheets often quote 2:4-sparse peaks, which are twice these.
const data: Gpu[] = [
  {
    id: 'h100-sxm',
    aliases: ['h100', 'h100-80gb', 'h100-sxm5', 'h100-80gb-hbm3'],
    name: 'H100 SXM 80GB',
    memoryLabel: '80 GB HBM3',
    memoryBytes: 81559 * MiB,
    bandwidthBytesPerS: 3350 * GBps,
    denseOpsPerS: { bf16: 989.4 * T, fp8: 1978.9 * T, int8: 1978.9 * T },
    cudaMemoryBytes: 85_045_477_376,
    fp32OpsPerS: 67 * T,
    interconnect: 'nvlink4',
    sources: {
      interconnect: 'NVIDIA H100 datasheet: SXM5, NVLink 900 GB/s',
      memory:
        'nvidia-smi "81559MiB" on "NVIDIA H100 80GB HBM3" (github.com/NVIDIA/nccl/issues/1264; github.com/modal-labs/modal-client/pull/2797: 85,520,809,984 bytes)',
      cudaMemory:
        'CUDA deviceQuery on "NVIDIA H100 80GB HBM3", driver 565: "81106 MBytes (85045477376 bytes)"; vLLM v0.19.0 logs on H100 report total_memory=79.19GiB (github.com/llm-d-incubation/llm-d-planner accuracy/results/v0.19.0)',
      fp32: 'NVIDIA H100 datasheet: FP32 67 TFLOPS (SXM)',
      bandwidth: 'NVIDIA H100 datasheet: 3.35 TB/s (SXM)',
      compute: 'NVIDIA H100 datasheet: BF16 1,979 / FP8 3,958 / INT8 3,958 TFLOPS-TOPS with sparsity; dense is half',
    },
  },
  {
    id: 'h100-pcie',
    aliases: ['h100-pcie-80gb'],
    name: 'H100 PCIe 80GB',
    memoryLabel: '80 GB HBM2e',
    memoryBytes: 81559 * MiB,
    bandwidthBytesPerS: 2000 * GBps,
    denseOpsPerS: { bf16: 756.5 * T, fp8: 1513 * T, int8: 1513 * T },
    cudaMemoryBytes: 85_045_477_376,
    fp32OpsPerS: 51 * T,
    interconnect: 'pcie5',
    sources: {
      interconnect:
        'NVIDIA H100 datasheet: PCIe Gen5 128 GB/s (both directions); an optional two-card NVLink bridge (600 GB/s) is not assumed',
      memory: 'nvidia-smi "81559MiB" on "NVIDIA H100 PCIe" (public driver 565.57.01 logs)',
      cudaMemory: 'CUDA accelinfo on "NVIDIA H100 PCIe", driver 565.57.01: "Global Memory Size: 85045477376"',
      fp32: 'NVIDIA H100 datasheet: FP32 51 TFLOPS (PCIe)',
      bandwidth: 'NVIDIA H100 datasheet (PCIe): 2,000 GB/s, via archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html',
      compute: 'NVIDIA H100 datasheet (PCIe): BF16 1,513 / FP8 3,026 / INT8 3,026 with sparsity; dense is half',
    },
  },
  {
    id: 'h200',
    aliases: ['h200-sxm', 'h200-141gb'],
    name: 'H200 141GB',
    memoryLabel: '141 GB HBM3e',
    memoryBytes: 143771 * MiB,
    bandwidthBytesPerS: 4800 * GBps,
    denseOpsPerS: { bf16: 989.4 * T, fp8: 1978.9 * T, int8: 1978.9 * T },
    fp32OpsPerS: 67 * T,
    interconnect: 'nvlink4',
    sources: {
      interconnect: 'NVIDIA H200 datasheet: SXM, NVLink 900 GB/s',
      fp32: 'NVIDIA H200 product page: FP32 67 TFLOPS (SXM)',
      memory: 'nvidia-smi "143771MiB" on H200 (recurring in public logs; shared/course/errata.md units note)',
      bandwidth: 'NVIDIA H200 product page: 4.8 TB/s',
      compute: 'NVIDIA H200 product page: same Hopper tensor cores as H100 SXM (BF16 1,979 sparse)',
    },
  },
  {
    id: 'a100-sxm-80gb',
    aliases: ['a100', 'a100-80gb', 'a100-sxm4-80gb'],
    name: 'A100 80GB SXM',
    memoryLabel: '80 GB HBM2e',
    memoryBytes: 81920 * MiB,
    bandwidthBytesPerS: 2039 * GBps,
    denseOpsPerS: { bf16: 312 * T, fp8: null, int8: 624 * T },
    fp32OpsPerS: 19.5 * T,
    interconnect: 'nvlink3',
    sources: {
      interconnect: 'NVIDIA A100 datasheet: SXM4, NVLink 600 GB/s',
      fp32: 'NVIDIA A100 datasheet: FP32 19.5 TFLOPS',
      memory: 'nvidia-smi "81920MiB" on A100 80GB (github.com/modal-labs/modal-client/pull/2797)',
      bandwidth: 'NVIDIA A100 datasheet: 2,039 GB/s (80GB SXM)',
      compute: 'NVIDIA A100 datasheet: BF16 312 dense (624 sparse); INT8 624 dense (1,248 sparse); no FP8',
    },
  },
  {
    id: 'a100-sxm-40gb',
    aliases: ['a100-40gb', 'a100-sxm4-40gb'],
    name: 'A100 40GB SXM',
    memoryLabel: '40 GB HBM2',
    memoryBytes: 40960 * MiB,
    bandwidthBytesPerS: 1555 * GBps,
    denseOpsPerS: { bf16: 312 * T, fp8: null, int8: 624 * T },
    fp32OpsPerS: 19.5 * T,
    interconnect: 'nvlink3',
    sources: {
      interconnect: 'NVIDIA A100 datasheet: SXM4, NVLink 600 GB/s',
      memory: 'NVML/nvidia-smi total "40960" MiB for NVIDIA A100-SXM4-40GB (as cluster inventories record it)',
      bandwidth: 'NVIDIA A100 datasheet: 1,555 GB/s (40GB); shared/course/errata.md hardware table',
      compute: 'NVIDIA A100 datasheet: BF16 312 dense (624 sparse); INT8 624 dense; no FP8',
      fp32: 'NVIDIA A100 datasheet: FP32 19.5 TFLOPS',
    },
  },
  {
    id: 'l40s',
    aliases: ['l40s-48gb'],
    name: 'L40S',
    memoryLabel: '48 GB GDDR6',
    memoryBytes: 46068 * MiB,
    bandwidthBytesPerS: 864 * GBps,
    denseOpsPerS: { bf16: 362.05 * T, fp8: 733 * T, int8: 733 * T },
    fp32OpsPerS: 91.6 * T,
    interconnect: 'pcie4',
    sources: {
      interconnect: 'NVIDIA L40S datasheet: PCIe Gen4 x16, 64 GB/s bidirectional; no NVLink',
      fp32: 'NVIDIA L40S datasheet: FP32 91.6 TFLOPS',
      memory: 'nvidia-smi "46068MiB" on NVIDIA L40S (github.com/modal-labs/modal-client/pull/2797)',
      bandwidth: 'NVIDIA L40S datasheet: 864 GB/s',
      compute: 'NVIDIA L40S datasheet: BF16 362.05 dense (733 sparse); FP8 and INT8 1,466 sparse',
    },
  },
  {
    id: 'rtx-4090',
    aliases: ['4090', 'rtx4090', 'geforce-rtx-4090'],
    name: 'RTX 4090',
    memoryLabel: '24 GB GDDR6X',
    memoryBytes: 24564 * MiB,
    bandwidthBytesPerS: 1008 * GBps,
    denseOpsPerS: { bf16: 165.2 * T, fp8: 330.3 * T, int8: 660.6 * T },
    fp32OpsPerS: 82.6 * T,
    interconnect: 'pcie4',
    sources: {
      interconnect: 'NVIDIA Ada whitepaper: RTX 4090 has PCIe 4.0 x16 and no NVLink connector',
      fp32: 'NVIDIA Ada (AD102) whitepaper: RTX 4090 FP32 82.6 TFLOPS',
      memory: 'nvidia-smi "24564MiB" on NVIDIA GeForce RTX 4090 (github.com/RLinf/RLinf/issues/255)',
      bandwidth: 'NVIDIA Ada (AD102) whitepaper: 1,008 GB/s',
      compute:
        'NVIDIA Ada whitepaper, RTX 4090 dense: BF16 165.2 (FP32 accumulate; 330.3 with FP16 accumulate), FP8 330.3 (FP32 accumulate), INT8 660.6 TOPS',
    },
    notes: 'GeForce cards run 16-bit tensor math with FP32 accumulation at half rate; the figures here are that rate.',
  },
  {
    id: 'b200',
    aliases: ['b200-180gb'],
    name: 'B200 (HGX, 1000 W)',
    memoryLabel: '180 GB HBM3e',
    memoryBytes: 183359 * MiB,
    bandwidthBytesPerS: 8000 * GBps,
    denseOpsPerS: { bf16: 2250 * T, fp8: 4500 * T, int8: 4500 * T },
    interconnect: 'nvlink5',
    sources: {
      interconnect: 'NVIDIA HGX B200 spec: NVLink 1.8 TB/s per GPU',
      memory: 'nvidia-smi "183359MiB" on NVIDIA B200 (github.com/NVIDIA/TensorRT-LLM/issues/10278)',
      bandwidth:
        'NVIDIA HGX B200 spec: 8 TB/s per GPU (a driver-reported bus width suggests ~7.7 TB/s: github.com/pytorch/ao/pull/4002)',
      compute: 'NVIDIA HGX B200 spec: BF16 4.5 PFLOPS, FP8 9 PFLOPS, INT8 9 POPS with sparsity; dense is half',
    },
  },
];

export const GPUS: readonly Gpu[] = data.map((g) => Gpu.parse(g));
