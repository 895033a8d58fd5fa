import { ValidationError } from '../errors/errors.js';
import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  ResponseMetadata,
} from '../types/chat-model.js';
import { combineCapabilities } from './combine-capabilities.js';
import { withFinishMetadata } from './stream-events.js';

export interface RouterModelOptions<Route extends string> {
  /** The models to choose from, by route name, e.g. `{ cheap, strong }`. */
  models: Record<Route, ChatModel>;
  /**
   * Picks the route for a request: a rule over the request, or an async classifier
   * (which may itself call a small model).
   */
  choose: (request: ChatRequest) => Route | Promise<Route>;
  /** Called with the chosen route before the request is sent. */
  onRoute?: (route: Route, request: ChatRequest) => void;
}

/**
 * A model that sends each request to one of several models, chosen per request, e.g.
 * short prompts without tools to a cheap model and the rest to a strong one. The answer
 * names the route taken (`response.route`) and the provider that answered.
 *
 * @example
 * const model = routerModel({
 *   models: { cheap: openai.chat('gpt-4o-mini'), strong: openai.chat('gpt-4o') },
 *   choose: (request) => (!request.tools && estimateRequestTokens(request) < 500 ? 'cheap' : 'strong'),
 * });
 */
export function routerModel<Route extends string>(options: RouterModelOptions<Route>): ChatModel {
  const routes = Object.keys(options.models) as Route[];
  if (routes.length === 0) {
    throw new ValidationError('routerModel needs at least one model.', {
      issues: [{ path: ['models'], message: 'must hold at least one model' }],
    });
  }
  const models = routes.map((route) => options.models[route]);

  const pick = async (request: ChatRequest): Promise<{ route: Route; model: ChatModel }> => {
    const route = await options.choose(request);
    if (!Object.hasOwn(options.models, route)) {
      throw new ValidationError(
        `routerModel: choose() returned "${String(route)}", which is not one of its routes (${routes.join(', ')}).`,
        { issues: [{ path: ['choose'], message: `unknown route "${String(route)}"` }] },
      );
    }
    options.onRoute?.(route, request);
    return { route, model: options.models[route] };
  };

  const mark =
    (route: Route, model: ChatModel) =>
    (response: ResponseMetadata): ResponseMetadata => ({
      ...response,
      route,
      provider: response.provider ?? model.provider,
      modelId: response.modelId ?? model.modelId,
    });

  return {
    provider: 'router',
    modelId: `router(${routes.join(',')})`,
    capabilities: combineCapabilities(models),

    async generate(request: ChatRequest, callOptions?: CallOptions): Promise<ChatResponse> {
      const { route, model } = await pick(request);
      const response = await model.generate(request, callOptions);
      return { ...response, response: mark(route, model)(response.response) };
    },

    async *stream(
      request: ChatRequest,
      callOptions?: CallOptions,
    ): AsyncGenerator<ChatStreamEvent> {
      const { route, model } = await pick(request);
      yield* withFinishMetadata(model.stream(request, callOptions), mark(route, model));
    },
  };
}
