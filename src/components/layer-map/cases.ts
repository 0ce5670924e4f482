import type { LayerId } from '../../course/stack/layers.ts';

/** A worked diagnosis: what was observed, the layer with authority, and the reasoning (numbers from a facts module). */
export interface DiagnosisCase {
  id: string;
  title: string;
  observations: string[];
  layer: LayerId;
  explanation: string;
}

export interface Judgement {
  correct: boolean;
  /** One short sentence: right or wrong, and the owning layer. */
  verdict: string;
  explanation: string;
}

/** Grade a learner's pick for a case; the explanation is shown either way. */
export function judgeCase(c: DiagnosisCase, picked: LayerId, layerName: (id: LayerId) => string): Judgement {
  const owner = `${c.layer} (${layerName(c.layer)})`;
  if (picked === c.layer) return { correct: true, verdict: `Right: ${owner}.`, explanation: c.explanation };
  return {
    correct: false,
    verdict: `Not ${picked}: the layer with authority is ${owner}.`,
    explanation: c.explanation,
  };
}
