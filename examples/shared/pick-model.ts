import type { ChatModel } from '@weft/core';

/**
 * Picks the chat model the examples use from the environment, so that every example runs
 * unchanged against OpenAI, Anthropic or any OpenAI-compatible server (Ollama, vLLM, ...).
 *
 *   OPENAI_API_KEY                 -> OpenAI (WEFT_MODEL, default gpt-4o-mini)
 *   ANTHROPIC_API_KEY              -> Anthropic (WEFT_MODEL, default claude-sonnet-4-5)
 *   WEFT_BASE_URL + WEFT_MODEL     -> an OpenAI-compatible server (WEFT_API_KEY if it needs one)
 *
 * The first one set wins, in that order; WEFT_PROVIDER=openai|anthropic|compatible picks one.
 */

export type ProviderName = 'openai' | 'anthropic' | 'compatible';

export type ProviderChoice =
  | { provider: 'openai'; modelId: string }
  | { provider: 'anthropic'; modelId: string }
  | { provider: 'compatible'; modelId: string; baseURL: string; apiKey?: string };

export type ProviderResolution =
  | { ok: true; choice: ProviderChoice }
  | { ok: false; message: string };

export const defaultModelIds = { openai: 'gpt-4o-mini', anthropic: 'claude-sonnet-4-5' } as const;

const providerNames: readonly ProviderName[] = ['openai', 'anthropic', 'compatible'];

/** What to set, printed when no provider is configured. */
export const setupHelp = `Set one of these, then run it again:

  OpenAI             export OPENAI_API_KEY=sk-...
                     (model: ${defaultModelIds.openai}; choose another with WEFT_MODEL=...)
  Anthropic          export ANTHROPIC_API_KEY=sk-ant-...
                     (model: ${defaultModelIds.anthropic}; choose another with WEFT_MODEL=...)
  OpenAI-compatible  export WEFT_BASE_URL=<the server's /v1 URL> WEFT_MODEL=<model id>
                     (and WEFT_API_KEY=... if the server needs a key)
    e.g. Ollama:     export WEFT_BASE_URL=http://localhost:11434/v1 WEFT_MODEL=llama3.2

When several are set, OpenAI wins, then Anthropic; WEFT_PROVIDER=openai|anthropic|compatible picks one.`;

type Env = Record<string, string | undefined>;

/** An environment variable, with an empty value counted as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function choose(provider: ProviderName, env: Env): ProviderChoice | undefined {
  const modelId = read(env, 'WEFT_MODEL');
  switch (provider) {
    case 'openai':
      return read(env, 'OPENAI_API_KEY')
        ? { provider, modelId: modelId ?? defaultModelIds.openai }
        : undefined;
    case 'anthropic':
      return read(env, 'ANTHROPIC_API_KEY')
        ? { provider, modelId: modelId ?? defaultModelIds.anthropic }
        : undefined;
    case 'compatible': {
      const baseURL = read(env, 'WEFT_BASE_URL');
      if (!baseURL || !modelId) return undefined;
      const apiKey = read(env, 'WEFT_API_KEY');
      return apiKey ? { provider, modelId, baseURL, apiKey } : { provider, modelId, baseURL };
    }
  }
}

const requirement: Record<ProviderName, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  compatible: 'WEFT_BASE_URL and WEFT_MODEL',
};

/** Which provider the environment configures, or a message saying what to set. Pure. */
export function resolveProvider(env: Env = process.env): ProviderResolution {
  const forced = read(env, 'WEFT_PROVIDER')?.toLowerCase();
  if (forced !== undefined && !providerNames.includes(forced as ProviderName)) {
    return {
      ok: false,
      message: `WEFT_PROVIDER must be openai, anthropic or compatible, not "${forced}".\n\n${setupHelp}`,
    };
  }
  const order = forced ? [forced as ProviderName] : providerNames;
  for (const provider of order) {
    const choice = choose(provider, env);
    if (choice) return { ok: true, choice };
  }
  let problem = 'No model provider is configured.';
  if (forced) problem = `WEFT_PROVIDER=${forced} needs ${requirement[forced as ProviderName]}.`;
  else if (read(env, 'WEFT_BASE_URL') && !read(env, 'WEFT_MODEL'))
    problem = 'WEFT_BASE_URL is set, but WEFT_MODEL is not: name the model the server should run.';
  return { ok: false, message: `${problem}\n\n${setupHelp}` };
}

/** `openai/gpt-4o-mini`, or `custom/llama3.2 at http://localhost:11434/v1`. */
export function describeChoice(choice: ProviderChoice): string {
  return choice.provider === 'compatible'
    ? `custom/${choice.modelId} at ${choice.baseURL}`
    : `${choice.provider}/${choice.modelId}`;
}

/** Creates the model. Each provider is imported only when it is the one chosen. */
export async function createModel(choice: ProviderChoice): Promise<ChatModel> {
  switch (choice.provider) {
    case 'openai': {
      // Reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set) from the environment.
      const { createOpenAI } = await import('@weft/core/openai');
      return createOpenAI().chat(choice.modelId);
    }
    case 'anthropic': {
      // Reads ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL, if set) from the environment.
      const { createAnthropic } = await import('@weft/core/anthropic');
      return createAnthropic().chat(choice.modelId);
    }
    case 'compatible': {
      const { createOpenAICompatible } = await import('@weft/core/openai-compatible');
      const custom = createOpenAICompatible({
        name: 'custom',
        baseURL: choice.baseURL,
        apiKey: choice.apiKey,
      });
      return custom.chat(choice.modelId);
    }
  }
}

/**
 * The model the environment configures. When none is, prints what to set to stderr and
 * exits with code 1. Says which model it uses on stderr, so stdout holds only the output.
 */
export async function pickModel(): Promise<ChatModel> {
  const resolution = resolveProvider();
  if (!resolution.ok) {
    console.error(resolution.message);
    process.exit(1);
  }
  console.error(`Model: ${describeChoice(resolution.choice)}`);
  return createModel(resolution.choice);
}
