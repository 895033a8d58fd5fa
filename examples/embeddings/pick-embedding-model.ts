import type { EmbeddingModel } from '@weft/core';

/**
 * The embedding model the environment configures:
 *
 *   OPENAI_API_KEY                        -> OpenAI text-embedding-3-small (WEFT_EMBEDDING_MODEL to change)
 *   WEFT_BASE_URL + WEFT_EMBEDDING_MODEL  -> an OpenAI-compatible server (WEFT_API_KEY if it needs one)
 *
 * With neither, prints what to set and exits with code 1. Says which model it uses on stderr.
 */
export const setupHelp = `Set one of these, then run it again:

  OpenAI             export OPENAI_API_KEY=sk-...
                     (model: text-embedding-3-small; choose another with WEFT_EMBEDDING_MODEL=...)
  OpenAI-compatible  export WEFT_BASE_URL=<the server's /v1 URL> WEFT_EMBEDDING_MODEL=<model id>
                     (and WEFT_API_KEY=... if the server needs a key)
    e.g. Ollama:     export WEFT_BASE_URL=http://localhost:11434/v1 WEFT_EMBEDDING_MODEL=nomic-embed-text`;

function read(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The embedding model the environment configures, or undefined when none is (nothing is
 * printed then). Says which model it uses on stderr.
 */
export async function embeddingModelFromEnv(): Promise<EmbeddingModel | undefined> {
  const modelId = read('WEFT_EMBEDDING_MODEL');
  if (read('OPENAI_API_KEY')) {
    const { createOpenAI } = await import('@weft/core/openai');
    const id = modelId ?? 'text-embedding-3-small';
    console.error(`Model: openai/${id}`);
    return createOpenAI().embedding(id);
  }
  const baseURL = read('WEFT_BASE_URL');
  if (baseURL && modelId) {
    const { createOpenAICompatible } = await import('@weft/core/openai-compatible');
    console.error(`Model: custom/${modelId} at ${baseURL}`);
    return createOpenAICompatible({
      name: 'custom',
      baseURL,
      apiKey: read('WEFT_API_KEY'),
    }).embedding(modelId);
  }
  return undefined;
}

/** The embedding model the environment configures; with none, prints what to set and exits 1. */
export async function pickEmbeddingModel(): Promise<EmbeddingModel> {
  const model = await embeddingModelFromEnv();
  if (model) return model;
  const problem = read('WEFT_BASE_URL')
    ? 'WEFT_BASE_URL is set, but WEFT_EMBEDDING_MODEL is not: name the embedding model.'
    : 'No embedding model is configured.';
  console.error(`${problem}\n\n${setupHelp}`);
  process.exit(1);
}
