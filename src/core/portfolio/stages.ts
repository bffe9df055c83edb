/**
 * Default completion probability and delay of each pipeline stage. They are planning assumptions, not
 * statistics of Chinese projects (none are published): docs/portfolio.md gives the reasoning for each; a
 * scenario overrides them under `pipeline.stages`.
 */
import type { Distribution } from '../uncertainty/distributions.ts';
import type { Stage, StageAssumption } from './types.ts';

const NO_DELAY: Distribution = { kind: 'constant', value: 0 };
const triangular = (min: number, mode: number, max: number): Distribution => ({ kind: 'triangular', min, mode, max });

/**
 * Stage → default completion probability (0–1) and delay (years). Prospects: about one in five, as for
 * solar projects entering US interconnection queues 2000–2017 that reached operation (Rand et al. 2023,
 * "Queued Up", LBNL); signed framework agreements: even odds; approved (核准/备案): most proceed; under
 * construction: nearly all finish, late by months (grid connection); operating: certain, no delay.
 */
export const DEFAULT_STAGE_ASSUMPTIONS: Readonly<Record<Stage, StageAssumption>> = {
  prospect: { completionProbabilityFrac: 0.2, delayYears: triangular(0, 1, 4) },
  signed: { completionProbabilityFrac: 0.5, delayYears: triangular(0, 1, 3) },
  approved: { completionProbabilityFrac: 0.8, delayYears: triangular(0, 0.5, 2) },
  'under-construction': { completionProbabilityFrac: 0.95, delayYears: triangular(0, 0.25, 1) },
  operating: { completionProbabilityFrac: 1, delayYears: NO_DELAY },
  cancelled: { completionProbabilityFrac: 0, delayYears: NO_DELAY },
};

/** Zero delay, for projects that cannot slip (operating) and for tests. */
export const ZERO_DELAY: Distribution = NO_DELAY;
