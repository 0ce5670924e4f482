// The memory and scheduling tests: why paged KV allocation exists, and what chunked prefill protects.
import { kvBytesForContext, kvBytesPerToken } from '../../../src/engine/memory.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate } from '../template.ts';
import { DENSE_IDS, model } from './pool.ts';

interface PagingParams {
  modelId: string;
  maxLen: number;
  typical: number;
}

export const whyPaging: ChoiceTemplate<PagingParams> = {
  kind: 'choice',
  id: 'paged/why-paging',
  topic: 'concurrency',
  title: 'Why paged KV allocation',
  generate(rng) {
    const maxLen = rng.pick([8192, 16384, 32768]);
    return {
      modelId: rng.pick(DENSE_IDS.filter((id) => model(id).layerWindows.every((w) => w === null))),
      maxLen,
      typical: rng.pick([600, 1000, 1500, 2500]),
    };
  },
  text(p) {
    const m = model(p.modelId);
    return `A server for ${m.name} reserves one contiguous KV region per request, sized for the maximum length of ${int(p.maxLen)} tokens, while its conversations actually average about ${int(p.typical)} tokens. It refuses new requests with plenty of memory apparently unused. What fixes this, and how?`;
  },
  options(p) {
    const m = model(p.modelId);
    const reserved = kvBytesForContext(m, p.maxLen);
    const used = kvBytesForContext(m, p.typical);
    const waste = `${formatBytes(reserved, 'GB')} reserved per request against ${formatBytes(used, 'GB')} used`;
    return [
      {
        label:
          'Paged attention: allocate KV in small fixed-size blocks as each sequence grows, so only the last block is partly empty',
        correct: true,
        explanation: `Reservation wastes most of the memory (${waste}); blocks bound the waste to less than one block per sequence.`,
      },
      {
        label: 'A larger block_size, so each allocation is more efficient',
        correct: false,
        explanation:
          'Larger blocks waste more in each sequence’s last block; block size trades that waste against kernel efficiency and does not cure reservation.',
      },
      {
        label: 'Quantizing the weights to free memory for more reservations',
        correct: false,
        explanation: `It frees some memory, but each request still reserves ${formatBytes(reserved, 'GB')} it mostly does not use.`,
      },
      {
        label: 'A higher gpu_memory_utilization, so the reservations can grow',
        correct: false,
        explanation:
          'A bigger pool holds a few more reservations, each still mostly empty; the waste ratio is unchanged.',
      },
    ];
  },
  solve(p) {
    const m = model(p.modelId);
    const perToken = kvBytesPerToken(m);
    return {
      steps: [
        `KV per token: ${int(perToken)} B. Reserved per request: ${int(p.maxLen)} tokens = ${formatBytes(kvBytesForContext(m, p.maxLen), 'GB')}; used on average: ${formatBytes(kvBytesForContext(m, p.typical), 'GB')} (${fixed((100 * p.typical) / p.maxLen, 0)}%).`,
        'Paged attention maps each sequence’s logical tokens to physical blocks allocated on demand (vLLM’s default is 16 tokens), like virtual memory pages.',
        `Waste falls to under one block per sequence: at most ${formatBytes(kvBytesForContext(m, 15), 'MB', 1)} here.`,
      ],
    };
  },
};

interface PrefillParams {
  users: number;
  prompt: number;
}

export const chunkedPrefill: ChoiceTemplate<PrefillParams> = {
  kind: 'choice',
  id: 'scheduling/chunked-prefill',
  topic: 'scheduling',
  title: 'What chunked prefill protects',
  generate(rng) {
    return { users: rng.pick([50, 200, 1000]), prompt: rng.pick([16384, 32768, 65536, 131072]) };
  },
  text(p) {
    return `${int(p.users)} users are streaming answers from one replica when a request with a ${int(p.prompt)}-token prompt arrives. Without chunked prefill, what happens, and what does chunked prefill change?`;
  },
  options() {
    return [
      {
        label:
          'The long prefill runs as one step and every streaming user waits for it; chunked prefill splits it across steps mixed with decode, so no stream stalls for long',
        correct: true,
        explanation:
          'Inter-token latency of everyone else is what it protects; the newcomer’s own TTFT rises a little as its prompt is spread over several steps.',
      },
      {
        label: 'The long prompt is rejected; chunked prefill lets the server accept it',
        correct: false,
        explanation: 'Admission is about memory and limits, not about how prefill is scheduled.',
      },
      {
        label: 'Nothing changes for the streaming users; chunked prefill only cuts the newcomer’s TTFT',
        correct: false,
        explanation:
          'It does the opposite: it protects the others’ inter-token latency, at a small cost to the newcomer’s TTFT.',
      },
      {
        label: 'The prompt’s prefill is compute-free once chunked',
        correct: false,
        explanation: 'The same FLOPs are done either way; chunking only changes when they run.',
      },
    ];
  },
  solve(p) {
    return {
      steps: [
        `Prefill of ${int(p.prompt)} tokens is a large compute-bound job; run as one step it blocks the next decode step for all ${int(p.users)} users.`,
        'Chunked prefill caps the tokens per step (a token budget) and fills the rest of each step with decode work, trading a little TTFT for the newcomer against smooth streams for everyone.',
      ],
    };
  },
};

export const SCHEDULING_TEMPLATES = [whyPaging, chunkedPrefill];
