// Build-time chart for the unpacking-tax chapter, drawn with the live element's own chart function.
import { stepCurvesSvg } from '../../components/unpacking-tax/step-curves.ts';
import { CONTEXT, gpu, model } from '../facts/unpacking-tax.ts';

const built = stepCurvesSvg(model, gpu, CONTEXT);
export const stepCurves = built.svg;
export const stepCurvesAlt = built.alt;
