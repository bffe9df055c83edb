import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pvplan-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a file and replaces it, leaving no temp file behind', () => {
    const path = join(dir, 'a.yaml');
    writeFileAtomic(path, 'one: 1\n');
    expect(readFileSync(path, 'utf8')).toBe('one: 1\n');
    writeFileAtomic(path, '二: 2\n');
    expect(readFileSync(path, 'utf8')).toBe('二: 2\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('with replace: false, refuses an existing file with EEXIST and leaves it and the folder as they were', () => {
    const path = join(dir, 'a.yaml');
    writeFileSync(path, 'old\n');
    let code: unknown;
    try {
      writeFileAtomic(path, 'new\n', { replace: false });
    } catch (e) {
      code = (e as NodeJS.ErrnoException).code;
    }
    expect(code).toBe('EEXIST');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    writeFileAtomic(join(dir, 'b.yaml'), 'b\n', { replace: false });
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('fails without writing anything when the folder does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'a.yaml'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
