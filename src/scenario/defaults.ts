/** Scenario defaults: the values a scenario gets for fields it leaves out. */
/** Defaults filled in when a scenario leaves a field out (documented in the schema and docs/scenarios.md). */
export const SCENARIO_DEFAULTS = {
  constructionLagYears: 0,
  lifetimeYears: 25,
  firstYearDegradation: '0 %',
  annualDegradation: '0.5 %',
  degradationMode: 'linear',
  availability: '100 %',
  curtailment: '0 %',
  commissioning: 'mid-year',
} as const;
