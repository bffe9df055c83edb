/**
 * Investment of a portfolio: totals by stage, technology and year, each project's investment spread evenly over
 * the calendar years of its planned construction (⌊construction start⌋ … ⌊commissioning⌋), against the amount signed.
 */
import type { Project, Stage, Technology } from './types.ts';
import { STAGES, TECHNOLOGIES } from './types.ts';

export interface InvestmentTotals {
  /** Non-cancelled projects, yuan. */
  readonly total: number;
  /** Σ completion probability × investment, yuan. */
  readonly expected: number;
  /** Every stage, cancelled included (what was lost), yuan. */
  readonly byStage: Readonly<Record<Stage, number>>;
  readonly byTechnology: Readonly<Record<Technology, number>>;
  /** Calendar year → yuan, non-cancelled projects spread over their construction years. */
  readonly byYear: Readonly<Record<string, number>>;
  /** The amount signed, yuan, when the scenario gives it; and total / signed. */
  readonly signed?: number;
  readonly shareOfSignedFrac?: number;
}

/**
 * Spreads an investment (yuan) evenly over the calendar years from ⌊start⌋ to ⌊end⌋ inclusive: I / n each.
 * @example spreadOverConstructionYears(9e8, 2023.5, 2025.5) // { 2023: 3e8, 2024: 3e8, 2025: 3e8 }
 */
export function spreadOverConstructionYears(investmentYuan: number, startYear: number, endYear: number): Map<number, number> {
  const first = Math.floor(startYear);
  const last = Math.max(first, Math.floor(endYear));
  const each = investmentYuan / (last - first + 1);
  const out = new Map<number, number>();
  for (let y = first; y <= last; y++) out.set(y, each);
  return out;
}

/** Investment totals of the projects (yuan). */
export function investmentTotals(projects: readonly Project[], signedYuan?: number): InvestmentTotals {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const byTechnology = Object.fromEntries(TECHNOLOGIES.map((t) => [t, 0])) as Record<Technology, number>;
  const byYearMap = new Map<number, number>();
  let total = 0;
  let expected = 0;
  for (const p of projects) {
    byStage[p.stage] += p.investmentYuan;
    if (p.stage === 'cancelled') continue;
    total += p.investmentYuan;
    expected += p.completionProbabilityFrac * p.investmentYuan;
    byTechnology[p.technology] += p.investmentYuan;
    for (const [y, v] of spreadOverConstructionYears(p.investmentYuan, p.constructionStartYear, p.commissioningYear)) byYearMap.set(y, (byYearMap.get(y) ?? 0) + v);
  }
  const byYear: Record<string, number> = {};
  for (const y of [...byYearMap.keys()].sort((a, b) => a - b)) byYear[String(y)] = byYearMap.get(y)!;
  return {
    total,
    expected,
    byStage,
    byTechnology,
    byYear,
    ...(signedYuan === undefined ? {} : { signed: signedYuan, ...(signedYuan > 0 ? { shareOfSignedFrac: total / signedYuan } : {}) }),
  };
}
