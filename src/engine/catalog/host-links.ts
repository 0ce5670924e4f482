// Links between a GPU and host memory or storage, for KV offload arithmetic.

/**
 * Host links a KV cache can be offloaded over, in GB/s per direction unless stated. Spec figures, not measurements.
 */
export const HOST_LINKS = {
  pcie4: {
    label: 'PCIe 4.0 ×16',
    gbps: 32,
    source: 'PCI-SIG: 16 GT/s × 16 lanes, 128b/130b ≈ 31.5 GB/s per direction',
  },
  pcie5: { label: 'PCIe 5.0 ×16', gbps: 64, source: 'PCI-SIG: 32 GT/s × 16 lanes, 128b/130b ≈ 63 GB/s per direction' },
  c2c: {
    label: 'NVLink-C2C (GH200)',
    gbps: 900,
    source: 'NVIDIA Grace Hopper Superchip: 900 GB/s total CPU–GPU bandwidth',
  },
  nvme: { label: 'PCIe 4.0 NVMe SSD', gbps: 7, source: 'e.g. Samsung 990 PRO datasheet: 7,450 MB/s sequential read' },
} as const;
export type HostLink = keyof typeof HOST_LINKS;
