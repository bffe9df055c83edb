/**
 * The LP solver adapter: HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised simplex method",
 * Math. Prog. Comp. 10, 119–142; https://highs.dev) compiled to WebAssembly by the npm package `highs`.
 * The core builds the LP as arrays and takes the solver as a function; this module loads the WebAssembly
 * (a file read, hence outside the core) and hands the arrays to HiGHS without a text round trip.
 */
import { createRequire } from 'node:module';
import type { Highs, InitOptions } from 'highs';
import type { LinearProgram, LpSolution, LpSolver } from '../core/storage/optimal.ts';

/** The package's ESM entry exports the loader as default; its CommonJS-flavoured typings nest it one level deeper. */
type HighsLoader = (options?: InitOptions) => Promise<Highs>;

/** HiGHS model status codes (highs.constants.modelStatus) by the names HiGHS prints. */
const HIGHS_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'Not Set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted',
};

let loading: Promise<LpSolver> | undefined;

/**
 * A solver backed by HiGHS, loaded once per process (the WebAssembly start takes tens of milliseconds).
 * Each call creates a model, runs it and frees it; a status other than Optimal is returned, not thrown, so the
 * caller can name it.
 */
export function loadHighsSolver(): Promise<LpSolver> {
  loading ??= (async () => {
    const highsLoader = (await import('highs')).default as unknown as HighsLoader;
    // The bundled CLI no longer sits beside highs.wasm: resolve the file from the installed package.
    const wasmPath = createRequire(import.meta.url).resolve('highs/runtime');
    const highs = await highsLoader({ locateFile: () => wasmPath });
    const infinity = highs.infinity;
    const bound = (a: Float64Array): Float64Array => a.map((x) => (x === Number.POSITIVE_INFINITY ? infinity : x === Number.NEGATIVE_INFINITY ? -infinity : x));
    return (lp: LinearProgram): LpSolution => {
      const model = highs.createModel({
        numCols: lp.numCols,
        numRows: lp.numRows,
        sense: highs.constants.objectiveSense.maximize,
        colCost: lp.colCost,
        colLower: bound(lp.colLower),
        colUpper: bound(lp.colUpper),
        rowLower: bound(lp.rowLower),
        rowUpper: bound(lp.rowUpper),
        matrix: { format: 'csc', numRows: lp.numRows, numCols: lp.numCols, ...lp.matrix },
      });
      try {
        model.options.set({ output_flag: false });
        model.run();
        const code = model.getModelStatus();
        const optimal = code === highs.constants.modelStatus.optimal;
        return { status: HIGHS_STATUS_NAMES[code] ?? `status ${code}`, optimal, colValue: optimal ? model.getSolution().colValue : new Float64Array(lp.numCols) };
      } finally {
        model.dispose();
      }
    };
  })();
  return loading;
}
