/** Errors at the scenario edge: each names the file, the line and column where known, the field, and what was expected. */
export interface ScenarioProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  /** English text: what was expected and what was found. */
  readonly message: string;
  /** For the common problems: a stable code and its parameters, so the CLI can show it in another language (src/report/messages.ts). */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Formats one problem as `file:line:col: field: message`, the way compilers do, so editors can jump to it. */
export function formatProblem(p: ScenarioProblem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** One or more problems with a scenario; the CLI prints each on its own line and exits with status 2. */
export class ScenarioError extends Error {
  readonly problems: readonly ScenarioProblem[];
  constructor(problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}
