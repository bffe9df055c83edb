/**
 * A sweep's output folder: the manifest (sweep.json: hash, case count, columns), the part file of each shard
 * (part-00003-of-00016.jsonl, written atomically when the shard is done), a journal per run in progress (rows
 * appended as cases finish, what `--resume` reads; a hidden file, never a part), and the merged table (sweep.jsonl
 * and sweep.csv, ordered by case id). A single-process sweep writes the merged table directly, through the same
 * rendering, so merging N shards gives the same bytes.
 */
import { closeSync, existsSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { DATA_FILE_MAX_BYTES, readRegularFileText } from '../io/read-bounded.ts';
import { renderCsv, section, type Column } from '../report/format.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { caseId, caseIdWidth } from './cases.ts';
import type { SweepRow } from './run-case.ts';
import { partFileName, shardCases, shardOfPartFile, type Shard } from './shard.ts';

export const MANIFEST_FILE = 'sweep.json';
export const MERGED_JSONL = 'sweep.jsonl';
export const MERGED_CSV = 'sweep.csv';
/** Largest part or journal read back (a row is about a kilobyte; this is a million rows). */
const PART_MAX_BYTES = 16 * DATA_FILE_MAX_BYTES;

/** What every shard and the merge agree on; the same whichever shard writes it. */
export interface Manifest {
  readonly pvplanVersion: string;
  readonly sweepHash: string;
  readonly name: string;
  readonly caseCount: number;
  readonly inputColumns: readonly string[];
  readonly metricColumns: readonly string[];
}

/** A problem with an output folder (another sweep's, incomplete, conflicting): one message, exit 2. */
export class SweepOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepOutputError';
  }
}

/** One row as a line of JSON Lines (key order fixed by how rows are built). */
export function rowLine(row: SweepRow): string {
  return `${JSON.stringify(row)}\n`;
}

/** Reads the manifest of a folder, or undefined when there is none. */
export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readRegularFileText(path, DATA_FILE_MAX_BYTES)) as Manifest;
  } catch (e) {
    throw new SweepOutputError(`${path}: not a sweep manifest (${(e as Error).message})`);
  }
}

/** Writes the manifest, refusing a folder that holds another sweep's output. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const existing = readManifest(dir);
  if (existing && existing.sweepHash !== manifest.sweepHash) {
    throw new SweepOutputError(`${dir} holds the output of another sweep (${existing.name}, ${existing.sweepHash.slice(0, 19)}…); this spec is ${manifest.sweepHash.slice(0, 19)}…: use another folder, or remove it`);
  }
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The journal of a run in progress whose result will be `target` (a part file or sweep.jsonl). */
export function journalPath(dir: string, target: string): string {
  return join(dir, `.${target}.journal`);
}

/** Rows of JSON Lines text; an incomplete last line (a run killed mid-write) is dropped when `tolerateTail`. */
function parseLines(text: string, file: string, tolerateTail: boolean): Array<{ row: SweepRow; line: string }> {
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== undefined && last !== '' && !tolerateTail) throw new SweepOutputError(`${file}: the last line is incomplete (no newline): the file was cut short`);
  return lines.map((line, i) => {
    try {
      return { row: JSON.parse(line) as SweepRow, line };
    } catch {
      throw new SweepOutputError(`${file}:${i + 1}: not a JSON row`);
    }
  });
}

/** Rows already done by an earlier, interrupted run (for --resume), checked to be of this sweep. */
export function readJournal(path: string, sweepHash: string): SweepRow[] {
  if (!existsSync(path)) return [];
  const rows = parseLines(readRegularFileText(path, PART_MAX_BYTES), path, true).map((r) => r.row);
  const other = rows.find((r) => r.sweepHash !== sweepHash);
  if (other) throw new SweepOutputError(`${path}: rows of another sweep (${other.sweepHash.slice(0, 19)}…): the spec changed since; run without --resume`);
  return rows;
}

/** Appends rows to a journal, one write per row, so a killed run keeps every finished case. */
export class Journal {
  private readonly fd: number;
  constructor(readonly path: string, fresh: boolean) {
    this.fd = openSync(path, fresh ? 'w' : 'a');
  }
  append(row: SweepRow): void {
    writeSync(this.fd, rowLine(row));
  }
  close(): void {
    closeSync(this.fd);
  }
  remove(): void {
    rmSync(this.path, { force: true });
  }
}

/** Rows sorted by case id (ids are zero-padded, so text order is numeric order). */
export function byCaseId(rows: readonly SweepRow[]): SweepRow[] {
  return [...rows].sort((a, b) => (a.case < b.case ? -1 : a.case > b.case ? 1 : 0));
}

/** The merged table as JSON Lines. */
export function renderJsonl(rows: readonly SweepRow[]): string {
  return rows.map(rowLine).join('');
}

const cell = (v: string | number | boolean | null | undefined): string | number | null | undefined => (typeof v === 'boolean' ? String(v) : v);

/** The merged table as CSV: case, status, seed, the inputs, the metrics, error, pvplanVersion, sweepHash. */
export function renderSweepCsv(rows: readonly SweepRow[], manifest: Manifest): string {
  const columns: Array<Column<SweepRow>> = [
    { header: 'case', value: (r) => r.case },
    { header: 'status', value: (r) => r.status },
    { header: 'seed', value: (r) => r.seed },
    ...manifest.inputColumns.map((c) => ({ header: c, value: (r: SweepRow) => cell(r.inputs[c]) })),
    ...manifest.metricColumns.map((c) => ({ header: c, value: (r: SweepRow) => r.metrics[c] })),
    { header: 'error', value: (r) => r.error },
    { header: 'pvplanVersion', value: (r) => r.pvplanVersion },
    { header: 'sweepHash', value: (r) => r.sweepHash },
  ];
  return renderCsv(section({ columns, rows }), 'si');
}

/** Writes sweep.jsonl and sweep.csv (each atomically). */
export function writeMerged(dir: string, rows: readonly SweepRow[], manifest: Manifest): { jsonl: string; csv: string } {
  const sorted = byCaseId(rows);
  const jsonl = join(dir, MERGED_JSONL);
  const csv = join(dir, MERGED_CSV);
  writeFileAtomic(jsonl, renderJsonl(sorted));
  writeFileAtomic(csv, renderSweepCsv(sorted, manifest));
  return { jsonl, csv };
}

/** Writes a shard's part file atomically (rows ordered by case id). */
export function writePart(dir: string, shard: Shard, rows: readonly SweepRow[]): string {
  const path = join(dir, partFileName(shard));
  writeFileAtomic(path, renderJsonl(byCaseId(rows)));
  return path;
}

/** What `merge` found. */
export interface MergeResult {
  readonly rows: readonly SweepRow[];
  readonly parts: readonly string[];
  readonly failed: number;
  readonly manifest: Manifest;
}

/** Lists up to `max` ids, then how many more. */
function someIds(ids: readonly string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} … (${ids.length} in all)`;
}

/**
 * Merges the part files of a folder: every row of this sweep, each case once (an identical row from a re-run shard
 * is accepted, a different one is refused), all cases present (else the missing shards and cases are named).
 */
export function mergeParts(dir: string): MergeResult {
  if (!existsSync(dir)) throw new SweepOutputError(`${dir}: no such folder`);
  const manifest = readManifest(dir);
  if (!manifest) throw new SweepOutputError(`${dir}: no ${MANIFEST_FILE}: not the output folder of a pvplan sweep`);
  const names = readdirSync(dir).filter((n) => shardOfPartFile(n) !== undefined).sort();
  if (names.length === 0) throw new SweepOutputError(`${dir}: no part files (part-00000-of-00004.jsonl, …): run the shards first (pvplan sweep SPEC --out ${dir} --shard i/N)`);
  const byCase = new Map<string, { line: string; row: SweepRow; file: string }>();
  for (const name of names) {
    const path = join(dir, name);
    for (const { row, line } of parseLines(readRegularFileText(path, PART_MAX_BYTES), path, false)) {
      if (row.sweepHash !== manifest.sweepHash) throw new SweepOutputError(`${path}: case ${row.case} is of another sweep (${row.sweepHash.slice(0, 19)}…, the manifest says ${manifest.sweepHash.slice(0, 19)}…)`);
      const seen = byCase.get(row.case);
      if (seen && seen.line !== line) throw new SweepOutputError(`case ${row.case} differs between ${seen.file} and ${name}: conflicting results of the same case (a changed pvplan or input file?); remove the wrong part and run its shard again`);
      if (!seen) byCase.set(row.case, { line, row, file: name });
    }
  }
  const missing: string[] = [];
  for (let k = 0; k < manifest.caseCount; k++) if (!byCase.has(caseId(k, manifest.caseCount))) missing.push(caseId(k, manifest.caseCount));
  const extra = [...byCase.keys()].filter((id) => !(id.length === caseIdWidth(manifest.caseCount) && Number(id) < manifest.caseCount));
  if (extra.length > 0) throw new SweepOutputError(`${dir}: rows for cases the sweep does not have: ${someIds(extra)}`);
  if (missing.length > 0) {
    const missingSet = new Set(missing);
    const counts = [...new Set(names.map((n) => shardOfPartFile(n)!.count))];
    const absent: string[] = [];
    for (const count of counts) {
      for (let i = 0; i < count; i++) {
        const shard = { index: i, count };
        if (!names.includes(partFileName(shard)) && shardCases(manifest.caseCount, shard).some((k) => missingSet.has(caseId(k, manifest.caseCount)))) absent.push(partFileName(shard));
      }
    }
    throw new SweepOutputError(`${dir}: incomplete: ${absent.length > 0 ? `missing shards ${someIds(absent)}; ` : ''}missing cases ${someIds(missing)} of ${manifest.caseCount}`);
  }
  const rows = byCaseId([...byCase.values()].map((v) => v.row));
  return { rows, parts: names, failed: rows.filter((r) => r.status === 'failed').length, manifest };
}

/** The manifest of a sweep run by this pvplan. */
export function manifestOf(sweep: { readonly hash: string; readonly name: string; readonly caseCount: number }, inputColumns: readonly string[], metricColumns: readonly string[]): Manifest {
  return { pvplanVersion: PVPLAN_VERSION, sweepHash: sweep.hash, name: sweep.name, caseCount: sweep.caseCount, inputColumns, metricColumns };
}
