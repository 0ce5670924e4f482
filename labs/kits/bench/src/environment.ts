// What the run ran on: the GPU (nvidia-smi, when this machine has one), peak GPU memory while the run lasted,
// and the git commit of the directory the kit was started from.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import type { BenchResult } from '../../../../src/engine/results.ts';

function run(cmd: string, args: string[], timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout) => resolve(err ? null : stdout));
  });
}

export type Hardware = BenchResult['hardware'];

export const NO_HARDWARE: Hardware = {
  gpu_name: null,
  gpu_memory_mib: null,
  gpu_count: null,
  driver: null,
  cuda: null,
};

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
 * or null without nvidia-smi. This is what the devices hold, a server's preallocated KV pool included.
 * One long-lived nvidia-smi process does the sampling: spawning one per sample would stall the timed requests.
 */
export function sampleGpuMemory(everyMs = 500): { stop(): Promise<number | null> } {
  let peak: number | null = null;
  const latest = new Map<string, number>();
  let child: ChildProcess;
  try {
    child = spawn(
      'nvidia-smi',
      ['--query-gpu=index,memory.used', '--format=csv,noheader,nounits', `--loop-ms=${everyMs}`],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
  } catch {
    return { stop: async () => null };
  }
  const exited = new Promise<void>((resolve) => {
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
  let buffer = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      const [index, used] = buffer
        .slice(0, nl)
        .split(',')
        .map((x) => x.trim());
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      const mib = Number(used);
      if (index === undefined || !Number.isFinite(mib)) continue;
      latest.set(index, mib);
      let total = 0;
      for (const v of latest.values()) total += v;
      peak = Math.max(peak ?? 0, total);
    }
  });
  return {
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) child.kill();
      await exited;
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
