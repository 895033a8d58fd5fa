import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startMockServer } from '../test-support/mock-server.js';
import { embeddedTexts, openAIEmbeddingsServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const root = await mkdtemp(join(tmpdir(), 'weft-rag-index-test-'));
afterAll(() => rm(root, { recursive: true, force: true }));

function sectionText(name: string, sections: number): string {
  return Array.from(
    { length: sections },
    (_, i) => `## ${name} part ${i}\n\n${`Notes about ${name}, part ${i}. `.repeat(8)}`,
  ).join('\n\n');
}

describe('rag-index example', () => {
  it('indexes a folder, re-embeds nothing on a second run, and only the changes later', async () => {
    const server = await startMockServer(openAIEmbeddingsServer());
    onTestFinished(() => server.close());
    const docs = join(root, 'docs');
    const out = join(root, 'index');
    await import('node:fs/promises').then(({ mkdir }) => mkdir(docs));
    await writeFile(join(docs, 'alpha.md'), `# Alpha\n\n${sectionText('alpha', 4)}`);
    await writeFile(join(docs, 'beta.md'), `# Beta\n\n${sectionText('beta', 3)}`);
    await writeFile(join(docs, 'gamma.txt'), sectionText('gamma', 2));
    const env = { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${server.url}/v1` };
    const run = () =>
      runExample('rag-index/index.ts', { env, args: [docs, '--out', out, '--chunk-size', '300'] });

    const first = await run();
    expect(first.code, describeRun(first)).toBe(0);
    expect(first.stdout).toContain('Indexed 3 files');
    expect(first.stdout).toMatch(/3 new, 0 changed, 0 unchanged, 0 removed/);
    expect(first.stderr).toMatch(/writing\s+\[#+\] 100%/);
    const chunks = Number(/Chunks: (\d+)/.exec(first.stdout)?.[1]);
    expect(chunks).toBeGreaterThan(6);
    expect(first.stdout).toContain(
      `Embedded ${new Set(embeddedTexts(server.requests)).size} texts`,
    );

    const afterFirst = server.requests.length;
    const second = await run();
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stdout).toContain(`${chunks} unchanged, 0 deleted). Embedded 0 texts`);
    expect(server.requests).toHaveLength(afterFirst);

    // Beta loses a section and gains an edit; gamma is deleted.
    await writeFile(join(docs, 'beta.md'), `# Beta\n\n${sectionText('beta (edited)', 2)}`);
    await unlink(join(docs, 'gamma.txt'));
    const third = await run();
    expect(third.code, describeRun(third)).toBe(0);
    expect(third.stdout).toMatch(/0 new, 1 changed, 1 unchanged, 1 removed/);
    expect(third.stdout).toMatch(/[1-9]\d* deleted/);
    const resent = embeddedTexts(server.requests.slice(afterFirst));
    expect(resent.length).toBeGreaterThan(0);
    expect(resent.every((text) => text.includes('beta (edited)'))).toBe(true);
  });

  it('says what to set when no embedding model is configured', async () => {
    const result = await runExample('rag-index/index.ts', { args: [root] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No embedding model is configured.');
    expect(result.stderr).toContain('OPENAI_API_KEY');
  });
});
