import type { ResponseMetadata, Warning } from '../types/chat-model.js';
import type { FinishReason, Usage } from '../types/usage.js';
import type { ObjectCallOptions, ObjectMode } from './object-request.js';
import { planObjectCall } from './object-request.js';
import type { InferObject, ObjectSchema } from './object-schema.js';
import { settleObject } from './settle-object.js';

export type GenerateObjectOptions<S extends ObjectSchema> = ObjectCallOptions<S>;

/** The result of `generateObject`. */
export interface GenerateObjectResult<T> {
  /** The object, validated by the schema (with its transforms and defaults applied). */
  object: T;
  /** The model's raw output that produced it: JSON text, or the tool call's arguments. */
  text: string;
  /** Usage of every round, the repair round included. */
  usage: Usage;
  finishReason: FinishReason;
  warnings: Warning[];
  response: ResponseMetadata;
  /** True when the first answer was invalid and the repair round fixed it. */
  repaired: boolean;
  /** How the object was asked for. */
  mode: Exclude<ObjectMode, 'auto'>;
}

/**
 * Generates an object that matches a schema, with any chat model: OpenAI's strict JSON
 * Schema output, a forced tool call (Anthropic), or JSON mode. An invalid answer gets one
 * repair round; if that fails too, `NoObjectGeneratedError` has the raw text and the issues.
 *
 * @example
 * const { object } = await generateObject({ model, schema: z.object({ city: z.string() }), prompt: 'Where is the Louvre?' });
 */
export async function generateObject<S extends ObjectSchema>(
  options: GenerateObjectOptions<S>,
): Promise<GenerateObjectResult<InferObject<S>>> {
  const { plan, request, callOptions } = planObjectCall(options);
  const first = await options.model.generate(request, callOptions);
  const settled = await settleObject({ model: options.model, plan, request, callOptions, first });
  return { ...settled, object: settled.object as InferObject<S>, mode: plan.mode };
}
