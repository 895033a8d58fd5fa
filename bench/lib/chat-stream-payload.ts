/**
 * The one input every streaming contender reads: a Chat Completions stream in the wire
 * format OpenAI sends (`chat.completion.chunk` objects with the same fields, in the same
 * order, as a recorded response), a role chunk, one chunk per content token, a finish
 * chunk, a usage chunk with empty `choices`, then `data: [DONE]`. Built once, from a seeded
 * generator, so every run and every process gets the same bytes.
 */

export interface ChatStreamPayload {
  /** The SSE body, ready to write. */
  body: Buffer;
  /** The text the content deltas add up to. */
  expectedText: string;
  /** Content chunks (one token each); the role, finish and usage chunks come on top. */
  contentChunks: number;
  /** Every `data:` event, `[DONE]` included. */
  events: number;
}

export const benchModelId = 'gpt-4.1-nano-2025-04-14';

// Tokens the way a tokenizer splits English markdown: leading spaces, partial words,
// punctuation, newlines, and characters that need JSON escapes or several UTF-8 bytes
// (so a network chunk boundary can fall inside a character).
const vocabulary = [
  ' the',
  ' model',
  ' stream',
  's',
  ' of',
  ' tokens',
  ' arrive',
  ' one',
  ' by',
  ' one',
  ',',
  '.',
  ' and',
  ' each',
  ' chunk',
  ' carries',
  ' a',
  ' small',
  ' delta',
  ' to',
  ' append',
  ' Neural',
  ' networks',
  ' learn',
  ' weights',
  ' from',
  ' data',
  ':',
  '\n\n',
  '\n',
  '**',
  ' "quoted"',
  ' café',
  ' naïve',
  ' —',
  '…',
  ' 😀',
  ' 東京',
  ' \\path',
  '\t',
  ' 42',
  '%',
];

/** mulberry32: a small, fast, seeded generator; the payload must not change between runs. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const obfuscationAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Builds the stream once. `contentChunks` tokens, chosen by `seed`. */
export function buildChatStreamPayload(options: {
  contentChunks: number;
  seed?: number;
}): ChatStreamPayload {
  const random = createRandom(options.seed ?? 20_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // OpenAI pads each chunk with a random `obfuscation` string so that sizes do not leak
  // token lengths; keep it, it is part of what every client has to parse.
  const obfuscation = () => {
    let padding = '';
    const length = 1 + Math.floor(random() * 9);
    for (let i = 0; i < length; i++) padding += pick(obfuscationAlphabet.split(''));
    return padding;
  };
  const head = {
    id: 'chatcmpl-BenchWeft000000000000000000',
    object: 'chat.completion.chunk',
    created: 1770933892,
    model: benchModelId,
    service_tier: 'default',
    system_fingerprint: 'fp_de604bd877',
  };
  const lines: string[] = [];
  const event = (chunk: object) => lines.push(`data: ${JSON.stringify(chunk)}\n\n`);

  event({
    ...head,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ],
    usage: null,
    obfuscation: obfuscation(),
  });
  let expectedText = '';
  for (let i = 0; i < options.contentChunks; i++) {
    const content = pick(vocabulary);
    expectedText += content;
    event({
      ...head,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
      usage: null,
      obfuscation: obfuscation(),
    });
  }
  event({
    ...head,
    choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
    usage: null,
    obfuscation: obfuscation(),
  });
  event({
    ...head,
    choices: [],
    usage: {
      prompt_tokens: 16,
      completion_tokens: options.contentChunks,
      total_tokens: 16 + options.contentChunks,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    obfuscation: obfuscation(),
  });
  lines.push('data: [DONE]\n\n');

  return {
    body: Buffer.from(lines.join(''), 'utf8'),
    expectedText,
    contentChunks: options.contentChunks,
    events: lines.length,
  };
}
