import type { ChatRequest } from '../types/chat-model.js';
import type { ChatMiddleware } from './chat-middleware.js';

/** The request settings a default can be given for. */
export type DefaultSettings = Partial<
  Pick<
    ChatRequest,
    | 'temperature'
    | 'topP'
    | 'maxOutputTokens'
    | 'stopSequences'
    | 'seed'
    | 'toolChoice'
    | 'responseFormat'
    | 'providerOptions'
  >
>;

/** `request` with `defaults` filled in where it says nothing; provider options merge per provider. */
export function applyDefaultSettings(request: ChatRequest, defaults: DefaultSettings): ChatRequest {
  const merged: ChatRequest = { ...request };
  for (const key of Object.keys(defaults) as Array<keyof DefaultSettings>) {
    if (key === 'providerOptions' || merged[key] !== undefined) continue;
    Object.assign(merged, { [key]: defaults[key] });
  }
  if (defaults.providerOptions) {
    const providerOptions = { ...defaults.providerOptions };
    for (const [provider, values] of Object.entries(request.providerOptions ?? {})) {
      providerOptions[provider] = { ...providerOptions[provider], ...values };
    }
    merged.providerOptions = providerOptions;
  }
  return merged;
}

/**
 * Fills in settings a request leaves unset, e.g. a house temperature or output cap. What
 * the request sets itself wins.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [defaultSettingsMiddleware({ temperature: 0, maxOutputTokens: 500 })]);
 */
export function defaultSettingsMiddleware(defaults: DefaultSettings): ChatMiddleware {
  return {
    name: 'default-settings',
    wrapGenerate: ({ request, next }) => next(applyDefaultSettings(request, defaults)),
    wrapStream: ({ request, next }) => next(applyDefaultSettings(request, defaults)),
  };
}
