// What each measurement tool can see, as course data: the "profilers" chapter and its question explorer use it.

export const TOOL_IDS = ['client', 'server', 'smi', 'nsys', 'torch', 'ncu'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

export interface Tool {
  id: ToolId;
  name: string;
  /** The level of the system it observes. */
  level: string;
  /** What it costs to run, and where it is safe to run it. */
  overhead: string;
}

export const TOOLS: readonly Tool[] = [
  {
    id: 'client',
    name: 'Client-side benchmark (the bench kit, vllm bench serve)',
    level: 'Requests, as a user experiences them',
    overhead: 'None on the server; it is the load itself.',
  },
  {
    id: 'server',
    name: 'Server metrics (Prometheus /metrics)',
    level: 'Scheduler and engine state, request histograms',
    overhead: 'Negligible; always on in production.',
  },
  {
    id: 'smi',
    name: 'nvidia-smi and DCGM',
    level: 'Whole-GPU counters sampled over time',
    overhead: 'Negligible; always on in production.',
  },
  {
    id: 'nsys',
    name: 'Nsight Systems',
    level: 'Timeline of CPU threads, CUDA calls, kernels, copies, NCCL',
    overhead: 'Low to moderate; capture seconds, on a canary or a test box.',
  },
  {
    id: 'torch',
    name: 'PyTorch profiler',
    level: 'Framework operators with their kernels, shapes and call stacks',
    overhead: 'Moderate; capture a few steps, not a day.',
  },
  {
    id: 'ncu',
    name: 'Nsight Compute',
    level: 'One kernel at a time, with hardware counters',
    overhead:
      'High: it replays each profiled kernel to collect counters and serializes the GPU. Never on live traffic.',
  },
];

export type Coverage = 'yes' | 'partly' | 'no';

export interface ProfilingQuestion {
  id: string;
  question: string;
  /** Per tool: can it answer, and what to look at (or why not). */
  answers: Record<ToolId, { coverage: Coverage; note: string }>;
}

const no = (note: string) => ({ coverage: 'no' as const, note });
const partly = (note: string) => ({ coverage: 'partly' as const, note });
const yes = (note: string) => ({ coverage: 'yes' as const, note });

export const QUESTIONS: readonly ProfilingQuestion[] = [
  {
    id: 'user-latency',
    question: 'What TTFT and TPOT do users get at p99?',
    answers: {
      client: yes('Exactly this: per-request TTFT, TPOT, ITL and end-to-end, with percentiles you choose.'),
      server: partly('Server-side histograms: no network or client time, and percentiles only to bucket resolution.'),
      smi: no('Knows nothing about requests.'),
      nsys: no('Sees steps and kernels, not which request they served.'),
      torch: no('Sees operators, not requests.'),
      ncu: no('Sees one kernel in isolation.'),
    },
  },
  {
    id: 'queue',
    question: 'Are requests waiting, and how many are running?',
    answers: {
      client: partly('A TTFT that grows with load suggests queueing, but cannot show the queue.'),
      server: yes('Requests waiting and running, and queue-time histograms, per replica.'),
      smi: no('Knows nothing about requests.'),
      nsys: no('A short, busy timeline does not show what waits outside it.'),
      torch: no('Sees operators, not the scheduler’s queue.'),
      ncu: no('Sees one kernel in isolation.'),
    },
  },
  {
    id: 'kv-full',
    question: 'Is the KV cache full, and are requests being preempted?',
    answers: {
      client: partly('Mid-stream stalls in the inter-token gaps hint at preemption.'),
      server: yes('KV-cache usage and the preemption counter.'),
      smi: partly('Memory used is flat: the engine reserves its KV pool at startup, so it reads full either way.'),
      nsys: no('Does not know the engine’s block accounting.'),
      torch: partly('Allocator events, but the KV pool is allocated once.'),
      ncu: no('Sees one kernel in isolation.'),
    },
  },
  {
    id: 'gaps',
    question: 'Is the GPU idle between kernels?',
    answers: {
      client: no('Sees only request timings.'),
      server: no('Reports steps, not what happens inside one.'),
      smi: partly(
        'GPU-Util counts time any kernel ran, sampled coarsely; DCGM’s SM-activity counters are finer but still averages.',
      ),
      nsys: yes('The timeline shows every kernel and the gaps between them, next to what the CPU was doing.'),
      torch: partly('Its trace shows kernels and gaps, with more overhead and less system context.'),
      ncu: no('Profiles kernels one at a time, serialized: gaps are not what it measures.'),
    },
  },
  {
    id: 'kernel-bandwidth',
    question: 'Does this decode kernel reach the memory bandwidth it should?',
    answers: {
      client: partly('TPOT against the bandwidth ceiling gives the whole step’s efficiency, not one kernel’s.'),
      server: no('No kernel-level data.'),
      smi: partly('DCGM’s DRAM-activity counter gives an average over all kernels.'),
      nsys: partly('Kernel durations: divide the bytes the kernel must move by its time yourself.'),
      torch: partly('Kernel durations per operator, with the same division left to you.'),
      ncu: yes('DRAM throughput as a share of peak, achieved occupancy, and a roofline chart for that kernel.'),
    },
  },
  {
    id: 'which-op',
    question: 'Which Python operation launched this slow kernel?',
    answers: {
      client: no('Sees only request timings.'),
      server: no('No kernel-level data.'),
      smi: no('No kernel-level data.'),
      nsys: partly('With NVTX ranges or Python call-stack sampling turned on.'),
      torch: yes('Operators, their kernels, input shapes and Python stacks in one trace.'),
      ncu: partly('Names the kernel, and can show NVTX ranges, but not the Python that called it.'),
    },
  },
  {
    id: 'cpu-bound',
    question: 'Is the CPU the bottleneck (tokenizing, scheduling, launching)?',
    answers: {
      client: no('Sees only request timings.'),
      server: partly('Step times that do not follow batch size hint at fixed CPU overhead.'),
      smi: partly('Low GPU-Util under load suggests the GPU is starved, but not by what.'),
      nsys: yes('CPU threads, OS calls and CUDA API calls on the same timeline as the GPU.'),
      torch: partly('CPU time per operator, but not the rest of the process.'),
      ncu: no('Sees the GPU side of one kernel only.'),
    },
  },
  {
    id: 'all-reduce',
    question: 'Are the all-reduces between GPUs slow?',
    answers: {
      client: no('Sees only request timings.'),
      server: no('No communication data.'),
      smi: partly('NVLink and PCIe throughput counters show traffic, not waiting.'),
      nsys: yes('NCCL kernels on every GPU’s row, and how long each waits for the slowest rank.'),
      torch: partly('Collective operators appear in the trace, per process.'),
      ncu: partly('Can profile an NCCL kernel, but not the waiting between ranks.'),
    },
  },
  {
    id: 'throttling',
    question: 'Is the card slowing down for power or heat?',
    answers: {
      client: no('Only sees that everything got slower.'),
      server: no('No hardware data.'),
      smi: yes('Clocks, power draw, temperature and throttle reasons over time.'),
      nsys: partly('Its GPU-metrics sampling can show clock frequencies alongside the timeline.'),
      torch: no('No hardware data.'),
      ncu: partly('Locks clocks to base by default while profiling — so it hides throttling rather than showing it.'),
    },
  },
];

export function getQuestion(id: string): ProfilingQuestion {
  const q = QUESTIONS.find((x) => x.id === id);
  if (!q) throw new Error(`unknown profiling question "${id}"; known: ${QUESTIONS.map((x) => x.id).join(', ')}`);
  return q;
}
