import { describe, expect, it } from 'vitest';
import { describeRun, runExample } from '../test-support/run-example.js';

describe('custom-vector-store example', () => {
  it('queries, filters, refuses a bad record and deletes with its own store', async () => {
    const result = await runExample('custom-vector-store/index.ts');

    expect(result.code, describeRun(result)).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Records: 3');
    expect(lines[2]).toMatch(/^ {2}0\.9\d\d {2}bm25 {2}BM25 ranks/);
    expect(lines[3]).toMatch(/ {2}heap {2}/);
    expect(result.stdout).toContain('Nearest from 2025 only');
    expect(lines[5]).toMatch(/ {2}heap {2}docs\/stores\.md$/);
    expect(result.stdout).toContain(
      'Refused: The vector of record "bad" has 2 dimensions; this store holds 3.',
    );
    expect(result.stdout).toContain('Deleted 1; records left: 2');
  });
});
