import { HttpResponse, http } from 'msw';
import { encodeFloat32Base64 } from '../../src/openai-embedding/decode-embedding.js';
import { hashEmbedding } from '../../src/testing/mock-embedding-model.js';

/** Test support: an msw handler answering OpenAI's `/embeddings` in its wire format. */

export interface EmbeddingsRequest {
  input: string[];
  body: Record<string, unknown>;
}

export interface EmbeddingsHandlerOptions {
  dimensions?: number;
  /**
   * Decides a request's fate before it is answered: a `Response` replaces the answer (e.g. a
   * 500), a promise delays it. `index` counts requests from 0.
   */
  intercept?: (
    request: EmbeddingsRequest,
    index: number,
    signal: AbortSignal,
  ) => Response | undefined | Promise<Response | undefined>;
}

/** The vector the handler returns for `text`. */
export function expectedVector(text: string, dimensions = 8): Float32Array {
  return hashEmbedding(text, dimensions);
}

/**
 * `POST {url}` answered with one base64 vector per input (`expectedVector`), shuffled so
 * that `index` matters, and usage of one token per input. Requests are recorded in order.
 */
export function embeddingsHandler(url: string, options: EmbeddingsHandlerOptions = {}) {
  const requests: EmbeddingsRequest[] = [];
  const dimensions = options.dimensions ?? 8;
  const handler = http.post(url, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    const input = body.input as string[];
    const received = { input, body };
    const index = requests.length;
    requests.push(received);
    const replaced = await options.intercept?.(received, index, request.signal);
    if (replaced) return replaced;
    const data = input
      .map((text, position) => ({
        object: 'embedding',
        index: position,
        embedding: encodeFloat32Base64(expectedVector(text, dimensions)),
      }))
      .reverse();
    return HttpResponse.json({
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: input.length, total_tokens: input.length },
    });
  });
  return { handler, requests };
}
