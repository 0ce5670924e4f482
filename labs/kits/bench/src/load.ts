// How requests are released: a fixed number in flight (closed loop), or arrivals at a rate (open loop) with
// gamma-distributed gaps as in vLLM's `bench serve` (burstiness 1 = Poisson; below 1 burstier; above 1 steadier).
import { Random } from '../../../../src/engine/random.ts';

/** Run `total` jobs with at most `concurrency` in flight; stops starting new ones once `signal` aborts. */
export async function closedLoop(
  total: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total && !signal.aborted) {
      await job(next++);
      // Let the finished response hand its keep-alive socket back first, so the next request reuses it
      // instead of opening a new connection (whose handshake would count in its TTFT).
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Start the workers one event-loop turn apart: a request goes out on the turn after it is stamped as sent, so
  // starting them all in one go would stamp the first long before the last of them lets it leave.
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(concurrency, total) && !signal.aborted; w++) {
    workers.push(worker());
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
}

function normal(rng: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, scale) by Marsaglia and Tsang's method (with the shape < 1 boost). */
export function gamma(rng: Random, shape: number, scale: number): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** Gaps between arrivals in ms: mean 1000 / rate, coefficient of variation 1 / √burstiness. */
export function arrivalGapsMs(n: number, rate: number, burstiness: number, seed: number): number[] {
  const rng = new Random(seed >>> 0);
  return Array.from({ length: n }, () => gamma(rng, burstiness, 1 / (rate * burstiness)) * 1e3);
}

/** Start job i at the i-th arrival time; wait for all started jobs. Stops releasing once `signal` aborts. */
export async function openLoop(
  gapsMs: readonly number[],
  job: (index: number) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const started: Promise<void>[] = [];
  const t0 = performance.now();
  let due = 0;
  for (let i = 0; i < gapsMs.length; i++) {
    if (i > 0) due += gapsMs[i] as number;
    const wait = t0 + due - performance.now();
    if (wait > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    if (signal.aborted) break;
    started.push(job(i));
  }
  await Promise.all(started);
}
