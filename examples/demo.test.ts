import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { anthropicMessagesServer } from './test-support/anthropic-wire.js';
import { type MockHandler, startMockServer } from './test-support/mock-server.js';
import {
  embeddedTexts,
  openAIChatServer,
  openAIEmbeddingsServer,
} from './test-support/openai-wire.js';
import { describeRun, runExample } from './test-support/run-example.js';

const docsDir = fileURLToPath(new URL('../docs', import.meta.url));
const questions = [
  'How does Weft retry failed requests?',
  'How do I read a streamed answer as it arrives?',
  'How does Weft count tokens?',
];

async function tempDemoDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-demo-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `[n] file:start-end`, then the excerpt on the next line, parsed from the printed passages. */
function passages(stdout: string) {
  return [...stdout.matchAll(/^\[(\d+)\] ([\w./-]+):(\d+)-(\d+).*\n {4}(.+)$/gm)].map((match) => ({
    n: Number(match[1]),
    file: match[2] as string,
    start: Number(match[3]),
    end: Number(match[4]),
    excerpt: match[5] as string,
  }));
}

/** Chat completions and embeddings, as OpenAI serves them. */
function openAIServer(answerText: string): MockHandler {
  const chat = openAIChatServer([{ text: answerText, inputTokens: 400, outputTokens: 30 }]);
  const embeddings = openAIEmbeddingsServer();
  return (request, res, index) =>
    request.path.split('?')[0]?.endsWith('/embeddings')
      ? embeddings(request, res, index)
      : chat(request, res, index);
}

describe('demo', () => {
  it('offline, prints the cited passages with exact offsets for three questions and how to enable answers', async () => {
    const env = { WEFT_DEMO_DIR: await tempDemoDir() };
    const result = await runExample('demo.ts', { env });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('Weft demo, offline: No model provider is configured.');
    expect(result.stdout).toContain('Built the BM25 index');
    for (const question of questions) expect(result.stdout).toContain(`Q: ${question}`);
    const found = passages(result.stdout);
    expect(found).toHaveLength(9);
    const [first] = found;
    expect(first?.file).toBe('errors-retries-cancellation.md');
    // The printed offsets point at the passage in the file; the excerpt is its start, on one line.
    const text = await readFile(join(docsDir, first?.file ?? ''), 'utf8');
    const cited = text.slice(first?.start, first?.end).replace(/\s+/g, ' ');
    expect(cited.trim()).toContain((first?.excerpt ?? '').replace(/…$/, '').slice(0, 80));
    expect(result.stdout).toContain('To enable generated answers: set OPENAI_API_KEY');
    expect(result.stdout).toContain('WEFT_BASE_URL + WEFT_MODEL');

    const again = await runExample('demo.ts', { env });
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toContain('Loaded the saved BM25 index');
    expect(passages(again.stdout)).toEqual(found);
  });

  it('with OpenAI, answers with hybrid retrieval and citations, and embeds nothing on a second run', async () => {
    const server = await startMockServer(
      openAIServer('Weft retries 408, 409, 429 and 5xx answers with backoff [1].'),
    );
    onTestFinished(() => server.close());
    const env = {
      OPENAI_API_KEY: 'sk-test-demo',
      OPENAI_BASE_URL: `${server.url}/v1`,
      WEFT_DEMO_DIR: await tempDemoDir(),
    };
    const result = await runExample('demo.ts', { env });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(
      'Weft demo: answering with openai/gpt-4o-mini over hybrid retrieval',
    );
    const embedded = embeddedTexts(server.requests);
    for (const question of questions) expect(embedded).toContain(question);
    const chunkTexts = embedded.filter((text) => !questions.includes(text));
    expect(chunkTexts.length).toBeGreaterThan(50);
    expect(result.stdout).toContain(`embedded ${chunkTexts.length} new chunks.`);
    const chats = server.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(3);
    questions.forEach((question, i) => {
      const body = chats[i]?.body as { messages: Array<{ content: string }> };
      const prompt = body.messages.map((message) => message.content).join('\n');
      expect(prompt).toMatch(/^\[1\] [\w.-]+\.md$/m);
      expect(prompt).toContain(question);
    });
    expect(result.stdout.match(/^Citations:$/gm)).toHaveLength(3);
    const citation = /^\[1\] ([\w.-]+\.md):(\d+)-(\d+) {2}"(.+)"$/m.exec(result.stdout);
    expect(citation, result.stdout).not.toBeNull();
    const [, file, start, end, quote] = citation as RegExpExecArray;
    const text = await readFile(join(docsDir, file as string), 'utf8');
    const cited = text.slice(Number(start), Number(end)).replace(/\s+/g, ' ').trim();
    expect(cited).toContain((quote as string).replace(/…$/, ''));

    const before = server.requests.length;
    const second = await runExample('demo.ts', { env });
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stdout).toContain('nothing to embed');
    // Neither a chunk nor a question is embedded again: the questions' vectors are cached too.
    expect(embeddedTexts(server.requests.slice(before))).toEqual([]);
    const secondChats = server.requests
      .slice(before)
      .filter((request) => request.path.endsWith('/chat/completions'));
    expect(secondChats).toHaveLength(3);
  });

  it('with Anthropic and no embedding model, answers over BM25 retrieval with citations', async () => {
    const server = await startMockServer(
      anthropicMessagesServer([
        { text: 'Weft retries with backoff [1].', inputTokens: 300, outputTokens: 20 },
      ]),
    );
    onTestFinished(() => server.close());
    const env = {
      ANTHROPIC_API_KEY: 'sk-ant-test-demo',
      ANTHROPIC_BASE_URL: server.url,
      WEFT_DEMO_DIR: await tempDemoDir(),
    };
    const result = await runExample('demo.ts', { env });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('retrieval falls back to BM25 keyword search');
    expect(result.stdout).toMatch(/answering with anthropic\/[\w.-]+ over BM25 keyword retrieval/);
    const messages = server.requests.filter((request) => request.path.endsWith('/v1/messages'));
    expect(messages).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
    const prompt = JSON.stringify(messages[0]?.body);
    expect(prompt).toContain(questions[0]);
    expect(prompt).toMatch(/\[1\] [\w.-]+\.md/);
    expect(result.stdout.match(/^Citations:$/gm)).toHaveLength(3);
  });

  it('with an OpenAI-compatible server (chat and embeddings), answers with hybrid retrieval', async () => {
    const server = await startMockServer(
      openAIServer('Stream with for await over textStream [1].'),
    );
    onTestFinished(() => server.close());
    const env = {
      WEFT_BASE_URL: `${server.url}/v1`,
      WEFT_MODEL: 'llama3.2',
      WEFT_EMBEDDING_MODEL: 'nomic-embed-text',
      WEFT_DEMO_DIR: await tempDemoDir(),
    };
    const result = await runExample('demo.ts', { env });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('over hybrid retrieval (vectors + BM25)');
    const embeddings = server.requests.filter((request) => request.path.endsWith('/embeddings'));
    expect(embeddings.length).toBeGreaterThan(0);
    expect(embeddings.every((request) => request.body.model === 'nomic-embed-text')).toBe(true);
    const chats = server.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(3);
    expect(chats.every((request) => request.body.model === 'llama3.2')).toBe(true);
    expect(result.stdout.match(/^Citations:$/gm)).toHaveLength(3);
  });
});
