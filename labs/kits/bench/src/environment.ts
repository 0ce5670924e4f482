// What the run ran on: the GPU (nvidia-smi, when this machine has one), peak GPU memory while the run lasted,
// and the git commit of the directory the kit was started from.
import { execFile } from 'node:child_process';
import type { BenchResult } from '../../../../src/engine/results.ts';

function run(cmd: string, args: string[], timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout) => resolve(err ? null : stdout));
  });
}

export type Hardware = BenchResult['hardware'];

export const NO_HARDWARE: Hardware = { gpu_name: null, gpu_memory_mib: null, gpu_count: null, driver: null, cuda: null };

/** GPU name, memory (MiB, as nvidia-smi counts it), driver and CUDA version; nulls without nvidia-smi. */
export async function readHardware(): Promise<Hardware> {
  const q = await run('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits']);
  if (q === null) return NO_HARDWARE;
  const rows = q
    .trim()
    .split('\n')
    .map((l) => l.split(',').map((s) => s.trim()));
  const [name, memory, driver] = rows[0] ?? [];
  // The CUDA version the driver supports is printed in nvidia-smi's banner only.
  const banner = await run('nvidia-smi', []);
  const cuda = banner ? (/CUDA Version:\s*([\d.]+)/.exec(banner)?.[1] ?? null) : null;
  const mib = Number(memory);
  return {
    gpu_name: name || null,
    gpu_memory_mib: Number.isFinite(mib) ? mib : null,
    gpu_count: rows.length,
    driver: driver || null,
    cuda,
  };
}

/**
 * Samples used GPU memory (summed over GPUs) every `everyMs` while a run lasts; `stop()` gives the peak in MiB,
 * or null when nvidia-smi is absent. This is what the device holds, server's preallocated KV pool included.
 */
export function sampleGpuMemory(everyMs = 500): { stop(): Promise<number | null> } {
  let peak: number | null = null;
  let stopped = false;
  let wake: () => void = () => undefined;
  /** False once nvidia-smi has failed: no point asking again. */
  const sample = async (): Promise<boolean> => {
    const out = await run('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits']);
    if (out === null) return false;
    const used = out
      .trim()
      .split('\n')
      .reduce((s, l) => s + (Number(l.trim()) || 0), 0);
    peak = Math.max(peak ?? 0, used);
    return true;
  };
  const loop = async () => {
    while (!stopped && (await sample()))
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, everyMs).unref();
      });
  };
  const pending = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await pending;
      return peak;
    },
  };
}

/** The commit of the working directory and whether it has uncommitted changes; nulls outside a git checkout. */
export async function readGit(): Promise<BenchResult['git']> {
  const commit = await run('git', ['rev-parse', 'HEAD']);
  if (commit === null) return { commit: null, dirty: null };
  const status = await run('git', ['status', '--porcelain']);
  return { commit: commit.trim(), dirty: status === null ? null : status.trim().length > 0 };
}
