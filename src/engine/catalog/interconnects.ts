// GPU-to-GPU links, per direction, for tensor-parallel all-reduces and KV hand-offs. Each GPU in the catalog names
// the one it has natively.
import { z } from 'zod';

export const INTERCONNECTS = {
  nvlink4: {
    name: 'NVLink 4 (H100/H200 SXM)',
    bytesPerS: 450e9,
    source: 'NVIDIA H100 datasheet: NVLink 900 GB/s (both directions)',
  },
  nvlink3: {
    name: 'NVLink 3 (A100 SXM)',
    bytesPerS: 300e9,
    source: 'NVIDIA A100 datasheet: NVLink 600 GB/s (both directions)',
  },
  nvlink5: {
    name: 'NVLink 5 (B200)',
    bytesPerS: 900e9,
    source: 'NVIDIA HGX B200 spec: NVLink 1.8 TB/s per GPU (both directions)',
  },
  pcie5: { name: 'PCIe 5.0 x16', bytesPerS: 64e9, source: 'PCI-SIG: 32 GT/s × 16 lanes ≈ 64 GB/s per direction' },
  pcie4: { name: 'PCIe 4.0 x16', bytesPerS: 32e9, source: 'PCI-SIG: 16 GT/s × 16 lanes ≈ 32 GB/s per direction' },
} as const;
export type Interconnect = keyof typeof INTERCONNECTS;

export const InterconnectId = z.enum(Object.keys(INTERCONNECTS) as [Interconnect, ...Interconnect[]], {
  error: `must be one of ${Object.keys(INTERCONNECTS).join(', ')}`,
});
