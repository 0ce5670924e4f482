// Build-time chart for the quantization chapter: stored bytes of the 70B model by scheme against two cards.
import { footprintSvg } from '../../components/quant-footprint/footprint-chart.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { SCHEMES_SHOWN } from '../facts/quantization.ts';

const built = footprintSvg(getModel('llama-3.3-70b'), SCHEMES_SHOWN, [getGpu('h100-sxm'), getGpu('h200')]);
export const footprintBars = built.svg;
export const footprintBarsAlt = built.alt;
