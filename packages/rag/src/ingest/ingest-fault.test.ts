import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockEmbeddingModel } from '@weft/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { recursiveChunker } from '../chunkers/index.js';
import { createRandom } from '../conformance/random-data.js';
import { InMemoryVectorStore } from '../stores/in-memory/index.js';
import { loadVectorStore } from '../stores/in-memory/persist.js';
import { fileIngestState } from './file-ingest-state.js';
import { ingest } from './ingest.js';
import { memoryIngestState } from './ingest-state.js';
import { corpus, dumpStore, largestVectorDifference } from './ingest-test-support.js';

// Version 0 has 40 documents; version 1 shortens and edits a third of them and drops 10;
// version 2 lengthens a third of them (new chunk ids that version 1 must not keep).
const runs = { 0: 40, 1: 30, 2: 40 } as const;
const root = await mkdtemp(join(tmpdir(), 'weft-ingest-fault-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./ingest-fault-child.ts', import.meta.url));

/**
 * Runs the child on one corpus version. With `killAtStep`, kills it when it reports that
 * many progress steps (embedding, writing, deleting), i.e. in the middle of its work.
 */
async function runChild(folder: string, version: 0 | 1 | 2, killAtStep?: number) {
  const worker = fork(child, [folder, String(version), String(runs[version])], {
    execArgv: ['--import', 'tsx', '--conditions=@weft/source'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let steps = 0;
  worker.on('message', (message) => {
    if (message === 'ready' || message === 'done') return;
    if (++steps === killAtStep) worker.kill('SIGKILL');
  });
  return new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    worker.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

/** The store one uninterrupted run of version 0, then version 1, gives. */
async function uninterrupted() {
  const store = new InMemoryVectorStore({ dimensions: 8 });
  const state = memoryIngestState();
  for (const version of [0, 1] as const) {
    await ingest({
      documents: corpus(runs[version], version),
      chunker: recursiveChunker({ chunkSize: 120, chunkOverlap: 20 }),
      embeddingModel: mockEmbeddingModel({ dimensions: 8, maxBatchSize: 4 }),
      store,
      state,
      batchSize: 5,
    });
  }
  return dumpStore(store);
}

describe('ingest killed mid-run', () => {
  it('ends, once run again, with exactly the store an uninterrupted run gives', async () => {
    const expected = await uninterrupted();
    const random = createRandom(23);
    let killedMidRun = 0;
    for (let trial = 0; trial < 3; trial++) {
      const folder = join(root, `trial-${trial}`);
      await rm(folder, { recursive: true, force: true });
      await import('node:fs/promises').then(({ mkdir }) => mkdir(folder));
      expect((await runChild(folder, 0)).code).toBe(0);
      // Kill runs of version 2, then 1, at random moments; then let version 1 finish.
      for (const version of [2, 1] as const) {
        const exit = await runChild(folder, version, 1 + Math.floor(random() * 25));
        if (exit.signal === 'SIGKILL') killedMidRun++;
      }
      expect((await runChild(folder, 1)).code).toBe(0);
      const actual = dumpStore(await loadVectorStore(join(folder, 'store.weft')));
      expect(actual.map(({ vector, ...rest }) => rest)).toEqual(
        expected.map(({ vector, ...rest }) => rest),
      );
      // loadVectorStore normalizes the (already unit) vectors again, which may move a
      // component by an ulp per load; anything more would be a wrong vector.
      expect(largestVectorDifference(actual, expected)).toBeLessThan(1e-6);
      const state = await fileIngestState(join(folder, 'state.json')).load();
      expect(Object.keys(state?.documents ?? {})).toHaveLength(runs[1]);
    }
    // The kills must land while the run is working, or the test proves nothing.
    expect(killedMidRun).toBeGreaterThan(0);
  }, 120_000);
});
