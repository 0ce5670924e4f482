// Build-time chart for the prefix-caching chapter, drawn with the live element's own chart function.
import { prefixBarsSvg } from '../../components/prefix-sharing/prefix-chart.ts';
import { scenario, weightsHeld } from '../facts/prefix-caching.ts';

const built = prefixBarsSvg(scenario, weightsHeld);
export const prefixBars = built.svg;
export const prefixBarsAlt = built.alt;
