// Paged blocks versus contiguous reservation: sample request lengths, lay them into one small pool both ways,
// draw the two memory maps and compute the waste; then the same comparison at the scale of a real card.
import { z } from 'zod';
import { DEFAULT_GPU_MEMORY_UTILIZATION, vllmCapacity } from '../../engine/capacity.ts';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { blocksFor } from '../../engine/paged.ts';
import { Random } from '../../engine/random.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import type { IslandView } from '../island/island-view.ts';
import { Plot, renderPlot } from '../plot/render.ts';

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${int(min)}`)
    .max(max, `must be at most ${int(max)}`);

export const BLOCK_SIZES = [8, 16, 32, 64, 128] as const;

export const PagedBlocksInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  blockSize: z.union(BLOCK_SIZES.map((b) => z.literal(b)) as [z.ZodLiteral<8>, ...z.ZodLiteral<number>[]], {
    error: `must be one of ${BLOCK_SIZES.join(', ')}`,
  }),
  maxModelLen: whole(16, 1_048_576),
  shortest: whole(1, 1_048_576),
  longest: whole(1, 1_048_576),
  seed: whole(0, 2 ** 31 - 1),
});
export type PagedBlocksInput = z.infer<typeof PagedBlocksInput>;

export const PAGED_BLOCKS_DEFAULTS: PagedBlocksInput = {
  model: 'llama-3.1-8b',
  gpu: 'h100-sxm',
  blockSize: 16,
  maxModelLen: 4096,
  shortest: 50,
  longest: 2000,
  seed: 7,
};

/** Token capacity of the small pool drawn in the picture (the same in both maps, whatever the block size). */
export const TOY_POOL_TOKENS = 16_384;
const SAMPLE = 400;

/** Request lengths, log-uniform between the bounds: many short chats, a long tail of long ones. */
export function sampleLengths(shortest: number, longest: number, seed: number, n = SAMPLE): number[] {
  const rng = new Random(seed);
  const lo = Math.log(shortest);
  const hi = Math.log(longest);
  return Array.from({ length: n }, () => Math.round(Math.exp(lo + rng.next() * (hi - lo))));
}

type Cell = { allocator: string; col: number; row: number; state: string; req: number };

const STATES = ['holds tokens', 'last block, partly empty', 'reserved, never used', 'free'] as const;

function toyMaps(lengths: number[], i: PagedBlocksInput) {
  const cells = TOY_POOL_TOKENS / i.blockSize;
  const cols = Math.round(Math.sqrt(cells * 2));
  const at = (allocator: string, index: number, state: string, req: number): Cell => ({
    allocator,
    col: index % cols,
    row: Math.floor(index / cols),
    state,
    req,
  });

  // Contiguous: each admitted request owns a slab sized for the maximum length.
  const slab = blocksFor(i.maxModelLen, i.blockSize);
  const contiguous: Cell[] = [];
  let contiguousFit = 0;
  for (const [r, len] of lengths.entries()) {
    if ((r + 1) * slab > cells) break;
    contiguousFit++;
    const used = blocksFor(len, i.blockSize);
    for (let b = 0; b < slab; b++) {
      const state =
        b < used - 1 || (b === used - 1 && len % i.blockSize === 0)
          ? STATES[0]
          : b === used - 1
            ? STATES[1]
            : STATES[2];
      contiguous.push(at('Contiguous reservation', r * slab + b, state, r));
    }
  }

  // Paged: admit while the final lengths fit, then hand out blocks round-robin as the sequences grow together.
  const need: number[] = [];
  let total = 0;
  for (const len of lengths) {
    const n = blocksFor(len, i.blockSize);
    if (total + n > cells) break;
    need.push(n);
    total += n;
  }
  const paged: Cell[] = [];
  let next = 0;
  for (let round = 0; next < total; round++) {
    for (const [r, n] of need.entries()) {
      if (round >= n) continue;
      const len = lengths[r] as number;
      const last = round === n - 1 && len % i.blockSize !== 0;
      paged.push(at('Paged blocks', next++, last ? STATES[1] : STATES[0], r));
    }
  }
  const fill = (list: Cell[], name: string, from: number) => {
    for (let k = from; k < cells; k++) list.push(at(name, k, STATES[3], -1));
  };
  fill(contiguous, 'Contiguous reservation', contiguousFit * slab);
  fill(paged, 'Paged blocks', total);
  return { cells, cols, contiguous, paged, contiguousFit, pagedFit: need.length };
}

export function pagedBlocksView(raw: unknown): IslandView {
  const i = parseInput(PagedBlocksInput, raw, 'paged-blocks input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  const issues = [];
  if (i.maxModelLen > model.maxContext)
    issues.push({
      field: 'maxModelLen',
      message: `is beyond ${model.name}'s maximum context of ${int(model.maxContext)}`,
    });
  if (i.longest < i.shortest)
    issues.push({ field: 'longest', message: `must be at least the shortest (${int(i.shortest)})` });
  if (i.longest > i.maxModelLen)
    issues.push({ field: 'longest', message: `must not exceed the maximum model length (${int(i.maxModelLen)})` });
  if (issues.length) throw new InputError('paged-blocks input', issues);

  const lengths = sampleLengths(i.shortest, i.longest, i.seed);
  const tokens = lengths.reduce((a, b) => a + b, 0);
  const mean = tokens / lengths.length;
  const pagedHeld = lengths.reduce((a, len) => a + blocksFor(len, i.blockSize) * i.blockSize, 0);
  const reservedHeld = lengths.length * i.maxModelLen;
  const maps = toyMaps(lengths, i);

  const cap = vllmCapacity(model, gpu, {
    blockSize: i.blockSize,
    maxModelLen: i.maxModelLen,
    typicalTokens: Math.max(1, Math.round(mean)),
  });
  const pool = cap.kvCacheBytes;
  const poolBlocks = cap.blocks;
  const realContiguous = cap.contiguousSequences;
  const realPaged = Math.floor(poolBlocks / (pagedHeld / i.blockSize / lengths.length));

  const rows = [
    {
      label: `Sample of ${lengths.length} requests`,
      value: `${int(i.shortest)}–${int(i.longest)} tokens, mean ${int(mean)}`,
    },
    {
      label: 'Contiguous: share of reserved memory holding tokens',
      value: `${fixed((tokens / reservedHeld) * 100, 1)}%`,
    },
    {
      label: `Paged (${i.blockSize}-token blocks): share lost in last blocks`,
      value: `${fixed(((pagedHeld - tokens) / pagedHeld) * 100, 2)}%`,
    },
    {
      label: `Picture: requests admitted to a ${int(TOY_POOL_TOKENS)}-token pool`,
      value: `contiguous ${maps.contiguousFit}, paged ${maps.pagedFit}`,
    },
    {
      label: `${model.name} (${model.dtype.toUpperCase()}) on an ${gpu.name}: KV pool`,
      value:
        pool > 0
          ? `${formatBytes(pool, 'GB')} at gpu_memory_utilization ${DEFAULT_GPU_MEMORY_UTILIZATION} = ${int(poolBlocks)} blocks`
          : 'none: the weights take more than the usable memory',
    },
    {
      label: 'Concurrent requests on that card',
      value: `contiguous ${int(realContiguous)}, paged about ${int(realPaged)} at this sample's lengths`,
    },
  ];
  const status: IslandView['status'] =
    maps.contiguousFit === 0
      ? {
          tone: 'bad',
          text: `A ${int(i.maxModelLen)}-token reservation is larger than the whole ${int(TOY_POOL_TOKENS)}-token pool in the picture: contiguous allocation admits nobody, while pages admit ${maps.pagedFit}.`,
        }
      : {
          tone: 'info',
          text: `Same pool, same requests: contiguous reservation admits ${maps.contiguousFit}, paged blocks admit ${maps.pagedFit}.`,
        };
  return { status, rows, figure: mapFigure(maps, i) };
}

function mapFigure(maps: ReturnType<typeof toyMaps>, i: PagedBlocksInput): IslandView['figure'] {
  const data = [...maps.contiguous, ...maps.paged];
  const rows = Math.ceil(maps.cells / maps.cols);
  const svg = renderPlot({
    height: Math.max(140, rows * (620 / maps.cols / 2) + 70),
    width: 640,
    marginTop: 36,
    marginBottom: 8,
    x: { axis: null },
    y: { axis: null },
    fx: { label: null, axis: 'top', padding: 0.06 },
    color: {
      legend: true,
      domain: [...STATES],
      range: ['#2f6fdf', '#e8883a', '#f2c4c4', '#d9d9d9'],
    },
    marks: [
      Plot.cell(data, {
        fx: 'allocator',
        x: 'col',
        y: 'row',
        fill: 'state',
        fillOpacity: (d: Cell) => (d.req >= 0 && d.req % 2 === 1 ? 0.7 : 1),
        inset: maps.cols > 40 ? 0.2 : 0.5,
      }),
    ],
  });
  const cBlocks = (s: string) => maps.contiguous.filter((c) => c.state === s).length;
  const pBlocks = (s: string) => maps.paged.filter((c) => c.state === s).length;
  const alt = `Two memory maps of the same ${int(TOY_POOL_TOKENS)}-token pool cut into ${maps.cells} blocks of ${i.blockSize} tokens. Contiguous reservation: ${maps.contiguousFit} requests admitted; ${cBlocks(STATES[0])} blocks hold tokens, ${cBlocks(STATES[1])} are partly filled last blocks, ${cBlocks(STATES[2])} are reserved but never used, ${cBlocks(STATES[3])} are free. Paged blocks: ${maps.pagedFit} requests admitted, their blocks interleaved across the pool; ${pBlocks(STATES[0])} blocks hold tokens, ${pBlocks(STATES[1])} are partly filled last blocks, ${pBlocks(STATES[3])} are free.`;
  return { svg, alt };
}
