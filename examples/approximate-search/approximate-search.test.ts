import { describe, expect, it } from 'vitest';
import { describeRun, runExample } from '../test-support/run-example.js';

describe('approximate-search example', () => {
  it('builds an exact and an HNSW store over the same vectors and reports time and recall', async () => {
    const result = await runExample('approximate-search/index.ts', {
      env: {},
      args: ['--count', '12000', '--dims', '64', '--queries', '40'],
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(
      '12,000 clustered vectors of 64 dimensions, 40 queries, top 10.',
    );
    expect(result.stdout).toMatch(/^exact scan {3}build [\d.]+ s {3}[\d.]+ ms\/query$/m);
    const recall = /HNSW graph {3}build [\d.]+ s {3}[\d.]+ ms\/query {3}recall@10 ([\d.]+)$/m.exec(
      result.stdout,
    );
    expect(recall, result.stdout).not.toBeNull();
    expect(Number(recall?.[1])).toBeGreaterThanOrEqual(0.9);
    expect(result.stdout).toMatch(/found [\d.]+% of the exact top 10/);
  });
});
