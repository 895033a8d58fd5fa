import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startMockServer } from '../test-support/mock-server.js';
import { openAIChatServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const bm25Doc = `# BM25

BM25 ranks documents by term frequency and inverse document frequency.

## Parameters

The k1 parameter controls how fast term frequency saturates. The b parameter controls length normalization.
`;
const storesDoc = `# Vector stores

The in-memory store keeps every vector in one contiguous Float32Array. Queries keep the best hits in a top-k heap.
`;

async function tempFolder(): Promise<{ docs: string; index: string }> {
  const root = await mkdtemp(join(tmpdir(), 'weft-rag-query-test-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const docs = join(root, 'docs');
  await mkdir(docs);
  await writeFile(join(docs, 'bm25.md'), bm25Doc);
  await writeFile(join(docs, 'stores.md'), storesDoc);
  return { docs, index: join(root, 'index') };
}

/** `[n] file:start-end`, parsed from a printed line. */
function locations(stdout: string): Array<{ n: number; file: string; start: number; end: number }> {
  return [...stdout.matchAll(/^\[(\d+)\] ([\w.]+):(\d+)-(\d+)/gm)].map((match) => ({
    n: Number(match[1]),
    file: match[2] as string,
    start: Number(match[3]),
    end: Number(match[4]),
  }));
}

describe('rag-query example', () => {
  it('prints the retrieved passages with exact offsets and how to enable answers, offline', async () => {
    const { docs, index } = await tempFolder();
    const args = ['--docs', docs, '--index', index, 'What', 'does', 'k1', 'control?'];
    const result = await runExample('rag-query/index.ts', { args });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('Indexed: 2 documents');
    expect(result.stdout).toContain('Question: What does k1 control?');
    const [first] = locations(result.stdout);
    expect(first?.file).toBe('bm25.md');
    const text = await readFile(join(docs, first?.file ?? ''), 'utf8');
    expect(text.slice(first?.start, first?.end)).toContain('The k1 parameter controls');
    expect(result.stdout).toContain('No model provider is configured');
    expect(result.stdout).toContain('set OPENAI_API_KEY');

    const again = await runExample('rag-query/index.ts', { args });
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stderr).toContain('Loaded the saved index: 2 documents');
    expect(locations(again.stdout)).toEqual(locations(result.stdout));
  });

  it('rebuilds the index when a document changes', async () => {
    const { docs, index } = await tempFolder();
    const args = ['--docs', docs, '--index', index, 'heap'];
    expect((await runExample('rag-query/index.ts', { args })).code).toBe(0);
    await writeFile(join(docs, 'stores.md'), `${storesDoc}\nDeleting records is supported too.\n`);
    const result = await runExample('rag-query/index.ts', { args });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('Indexed: 2 documents');
  });

  it('answers with a model and prints numbered citations with sources and offsets', async () => {
    const { docs, index } = await tempFolder();
    const server = await startMockServer(
      openAIChatServer([
        {
          text: 'The k1 parameter controls how fast term frequency saturates [1]. Unrelated [7].',
          inputTokens: 180,
          outputTokens: 20,
        },
      ]),
    );
    onTestFinished(() => server.close());
    const result = await runExample('rag-query/index.ts', {
      args: ['--docs', docs, '--index', index, 'What does k1 control?'],
      env: { OPENAI_API_KEY: 'sk-test-rag', OPENAI_BASE_URL: `${server.url}/v1` },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(
      'The k1 parameter controls how fast term frequency saturates [1].',
    );
    const request = server.requests[0]?.body as {
      messages: Array<{ content: string }>;
      stream: boolean;
    };
    expect(request.stream).toBe(true);
    const prompt = request.messages[1]?.content ?? '';
    expect(prompt).toContain('[1] bm25.md\n');
    expect(prompt).toContain('Question: What does k1 control?');

    expect(result.stdout).toContain('Citations:');
    const [citation] = locations(result.stdout.slice(result.stdout.indexOf('Citations:')));
    expect(citation).toMatchObject({ n: 1, file: 'bm25.md' });
    const text = await readFile(join(docs, 'bm25.md'), 'utf8');
    expect(text.slice(citation?.start, citation?.end)).toBe(
      'The k1 parameter controls how fast term frequency saturates.',
    );
    expect(result.stdout).toContain(
      '"The k1 parameter controls how fast term frequency saturates."',
    );
    expect(result.stderr).toContain('[7]');
  });
});
