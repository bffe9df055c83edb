/**
 * pvplan as a library: the pure modelling core, plus loading and running scenario files.
 * @example
 *   import { loadScenario, runReport } from 'pvplan';
 *   const report = runReport(loadScenario('scenarios/wendeng-2025.yaml'));
 */
export * from './core/index.ts';
export { loadScenario, resolvePlan, resolveChain, planHash, SCENARIO_DEFAULTS, type ResolvedScenario } from './scenario/resolve.ts';
export { loadScenarioChain, parseScenarioText, mergeScenario } from './scenario/load.ts';
export { parseQuantity, formatQuantity, type Dimension, type UnitSystem } from './scenario/quantity.ts';
export { ScenarioSchema, scenarioJsonSchema, type Scenario } from './scenario/schema.ts';
export { ScenarioError, type ScenarioProblem } from './scenario/errors.ts';
export { loadHighsSolver } from './scenario/lp-solver.ts';
export { parseGenerationCsv, parsePricesCsv, type HourlyColumn } from './scenario/system-series.ts';
export { runReport, type RunReport } from './report/run.ts';
export { loadPortfolio, resolvePortfolioSections, type LoadedPortfolio } from './scenario/projects.ts';
export { pipelineReport, type PipelineReport } from './report/pipeline.ts';
export { parameterDiff, comparePaths, compareSummary } from './report/compare.ts';
export { PVPLAN_VERSION } from './version.ts';
