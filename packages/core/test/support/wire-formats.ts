import { createAnthropic } from '../../src/anthropic/index.js';
import { createOpenAI } from '../../src/openai/index.js';
import { createOpenAICompatible } from '../../src/openai-compatible/index.js';
import type { ChatModel } from '../../src/types/chat-model.js';

/**
 * Test support: what the fault matrix needs to know of each provider's wire format, to
 * script a real server for it.
 */
export interface WireFormat {
  provider: string;
  /** A model pointed at `origin` with `apiKey`. */
  model(origin: string, apiKey: string): ChatModel;
  /** A successful non-streamed body answering `text`. */
  okJson(text: string): unknown;
  /** SSE frames streaming `deltas`, complete with usage and the end marker. */
  streamFrames(deltas: string[]): string[];
  /** How many frames of `streamFrames` come before the first delta. */
  preludeFrames: number;
  /** An error body with `message` of the provider's type for `status`. */
  errorBody(status: number, message: string): unknown;
  /** The status and body the provider sends when the prompt is too long. */
  contextLength: { status: number; body: unknown };
}

const openAIChunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'chatcmpl-fault',
  object: 'chat.completion.chunk',
  created: 1764400000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  usage: null,
});

const openAIStyle = {
  preludeFrames: 1,
  okJson: (text: string) => ({
    id: 'chatcmpl-fault',
    object: 'chat.completion',
    created: 1764400000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
  }),
  streamFrames: (deltas: string[]) => [
    ...[
      openAIChunk({ role: 'assistant', content: '' }),
      ...deltas.map((content) => openAIChunk({ content })),
    ].map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`),
    `data: ${JSON.stringify(openAIChunk({}, 'stop'))}\n\n`,
    `data: ${JSON.stringify({ ...openAIChunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } })}\n\n`,
    'data: [DONE]\n\n',
  ],
  errorBody: (status: number, message: string) => ({
    error: {
      message,
      type: status === 429 ? 'requests' : 'invalid_request_error',
      param: null,
      code: null,
    },
  }),
  contextLength: {
    status: 400,
    body: {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 200113 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    },
  },
};

export const openAIWire: WireFormat = {
  provider: 'openai',
  model: (origin, apiKey) => createOpenAI({ apiKey, baseURL: `${origin}/v1` }).chat('gpt-4o-mini'),
  ...openAIStyle,
};

export const compatibleWire: WireFormat = {
  provider: 'local-llm',
  model: (origin, apiKey) =>
    createOpenAICompatible({ name: 'local-llm', baseURL: `${origin}/v1`, apiKey }).chat('llama3.2'),
  ...openAIStyle,
  // vLLM and most compatible servers say it in words, without OpenAI's code.
  contextLength: {
    status: 400,
    body: {
      object: 'error',
      message:
        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens in the messages.",
      type: 'BadRequestError',
      code: 400,
    },
  },
};

const anthropicFrame = (event: { type: string }) =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export const anthropicWire: WireFormat = {
  provider: 'anthropic',
  model: (origin, apiKey) => createAnthropic({ apiKey, baseURL: origin }).chat('claude-sonnet-4-5'),
  okJson: (text) => ({
    id: 'msg_fault',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 5 },
  }),
  preludeFrames: 2,
  streamFrames: (deltas) =>
    [
      {
        type: 'message_start',
        message: {
          id: 'msg_fault',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ...deltas.map((text) => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      })),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 5 },
      },
      { type: 'message_stop' },
    ].map(anthropicFrame),
  errorBody: (status, message) => ({
    type: 'error',
    error: {
      type:
        status === 429
          ? 'rate_limit_error'
          : status === 401
            ? 'authentication_error'
            : status >= 500
              ? 'api_error'
              : 'invalid_request_error',
      message,
    },
  }),
  contextLength: {
    status: 400,
    body: {
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'prompt is too long: 210443 tokens > 200000 maximum',
      },
    },
  },
};
