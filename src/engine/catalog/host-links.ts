// Links between a GPU and host memory or storage, for KV offload arithmetic. The PCIe figures are the interconnect
// table's, so the two never disagree.
import { INTERCONNECTS } from './interconnects.ts';

const pcie = (id: 'pcie4' | 'pcie5') => ({
  label: INTERCONNECTS[id].name,
  gbps: INTERCONNECTS[id].bytesPerS / 1e9,
  source: INTERCONNECTS[id].source,
});

/** Host links a KV cache can be offloaded over, in GB/s per direction unless stated. Spec figures, not measurements. */
export const HOST_LINKS = {
  pcie4: pcie('pcie4'),
  pcie5: pcie('pcie5'),
  c2c: {
    label: 'NVLink-C2C (GH200)',
    gbps: 900,
    source: 'NVIDIA Grace Hopper Superchip: 900 GB/s total CPU–GPU bandwidth',
  },
  nvme: { label: 'PCIe 4.0 NVMe SSD', gbps: 7, source: 'e.g. Samsung 990 PRO datasheet: 7,450 MB/s sequential read' },
} as const;
export type HostLink = keyof typeof HOST_LINKS;
