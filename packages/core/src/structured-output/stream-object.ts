import { AbortError } from '../errors/errors.js';
import type { WeftError } from '../errors/weft-error.js';
import { deferred, toStreamError } from '../generate-text/deferred.js';
import { ReplayBuffer } from '../generate-text/replay-buffer.js';
import { StreamAccumulator } from '../generate-text/stream-accumulator.js';
import type { ResponseMetadata, Warning } from '../types/chat-model.js';
import type { FinishReason, Usage } from '../types/usage.js';
import { jsonStart } from './extract-json.js';
import { toSchemaShape } from './object-output.js';
import { type ObjectCallOptions, type ObjectMode, planObjectCall } from './object-request.js';
import type { InferObject, ObjectSchema } from './object-schema.js';
import { PartialJsonParser } from './partial-json.js';
import { type RoundResponse, settleObject } from './settle-object.js';

export type StreamObjectOptions<S extends ObjectSchema> = ObjectCallOptions<S>;

/** Every property optional, at every depth: what a partial object can hold. */
export type DeepPartial<T> =
  T extends ReadonlyArray<infer Item>
    ? Array<DeepPartial<Item>>
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * A streaming call for an object. The request starts at once; every reader sees the whole
 * stream whenever it starts, and leaving an iteration early cancels the request.
 */
export interface StreamObjectResult<T> {
  /**
   * The object as it arrives: a new, deep-partial object each time it changed (not
   * validated). After a repair round, the repaired object comes last.
   */
  readonly partialObjectStream: AsyncIterable<DeepPartial<T>>;
  /** The raw deltas of the model's output (JSON text, or the tool call's arguments). */
  readonly textStream: AsyncIterable<string>;
  /** The validated object; rejects with `NoObjectGeneratedError` or the stream's error. */
  readonly object: Promise<T>;
  /** Resolves even when the call fails, with the usage known by then (repair included). */
  readonly usage: Promise<Usage>;
  readonly finishReason: Promise<FinishReason>;
  readonly warnings: Promise<Warning[]>;
  readonly response: Promise<ResponseMetadata>;
  /** True when the streamed answer was invalid and the repair round fixed it. */
  readonly repaired: Promise<boolean>;
  readonly mode: Exclude<ObjectMode, 'auto'>;
}

type Item =
  | { type: 'partial'; value: unknown }
  | { type: 'text'; delta: string }
  | { type: 'error'; error: WeftError };

/** Feeds the output text to the partial parser, from where the JSON starts. */
class PartialObjects {
  private readonly parser = new PartialJsonParser();
  private pending = '';
  private started = false;
  private last = '';

  /** The partial value after `delta`; undefined before the JSON starts or after it ended. */
  accept(delta: string): unknown {
    if (this.parser.done || this.parser.error) return undefined;
    if (!this.started) {
      this.pending += delta;
      const start = jsonStart(this.pending);
      if (start === -1) return undefined;
      this.started = true;
      this.parser.push(this.pending.slice(start));
    } else {
      this.parser.push(delta);
    }
    return this.parser.snapshot();
  }

  /** `value` when it differs from the last value returned. */
  changed(value: unknown): unknown {
    if (value === undefined) return undefined;
    const key = JSON.stringify(value);
    if (key === this.last) return undefined;
    this.last = key;
    return value;
  }
}

/**
 * Streams an object that matches a schema: partial objects while the JSON arrives, then the
 * validated object. An invalid answer gets one repair round, a non-streamed call.
 *
 * @example
 * const result = streamObject({ model, schema: recipeSchema, prompt: 'A pasta recipe' });
 * for await (const partial of result.partialObjectStream) render(partial);
 * const recipe = await result.object;
 */
export function streamObject<S extends ObjectSchema>(
  options: StreamObjectOptions<S>,
): StreamObjectResult<InferObject<S>> {
  const { plan, request, callOptions } = planObjectCall(options);
  const cancel = new AbortController();
  const callerSignal = callOptions.signal;
  const forwardAbort = () => cancel.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forwardAbort();
  else callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  const items = new ReplayBuffer<Item>();
  const object = deferred<InferObject<S>>();
  const usage = deferred<Usage>();
  const finishReason = deferred<FinishReason>();
  const warnings = deferred<Warning[]>();
  const response = deferred<ResponseMetadata>();
  const repaired = deferred<boolean>();
  const partials = new PartialObjects();

  const pump = async () => {
    const accumulated = new StreamAccumulator();
    let toolCallId: string | undefined;
    let outcome: Parameters<StreamAccumulator['end']>[0] = { threw: false };
    const acceptDelta = (delta: string) => {
      items.push({ type: 'text', delta });
      const partial = partials.accept(delta);
      if (partial === undefined) return;
      // Compared after shaping: a null that shaping removes is no visible change.
      const shaped = partials.changed(toSchemaShape(partial, plan));
      if (shaped !== undefined) items.push({ type: 'partial', value: shaped });
    };
    try {
      for await (const event of options.model.stream(request, {
        ...callOptions,
        signal: cancel.signal,
      })) {
        accumulated.add(event);
        if (event.type === 'text-delta' && plan.mode !== 'tool') acceptDelta(event.delta);
        else if (event.type === 'tool-call-start' && plan.mode === 'tool')
          toolCallId ??= event.toolCallId;
        else if (event.type === 'tool-call-delta' && event.toolCallId === toolCallId)
          acceptDelta(event.delta);
      }
    } catch (error) {
      outcome = { threw: true, error };
    }
    const failure = accumulated.end(outcome);
    const round: RoundResponse = {
      text: accumulated.text,
      toolCalls: accumulated.toolCalls,
      finishReason: accumulated.finish?.finishReason ?? 'other',
      usage: accumulated.usage,
      warnings: accumulated.warnings,
      response: accumulated.finish?.response ?? {},
    };
    if (failure) {
      callerSignal?.removeEventListener('abort', forwardAbort);
      usage.resolve(round.usage);
      warnings.resolve([...plan.warnings, ...round.warnings]);
      for (const pending of [object, finishReason, response, repaired]) pending.reject(failure);
      items.push({ type: 'error', error: failure });
      items.close();
      return;
    }
    try {
      const settled = await settleObject({
        model: options.model,
        plan,
        request,
        callOptions: { ...callOptions, signal: cancel.signal },
        first: round,
      });
      if (settled.repaired) {
        const final = partials.changed(settled.object);
        if (final !== undefined) items.push({ type: 'partial', value: final });
      }
      usage.resolve(settled.usage);
      warnings.resolve(settled.warnings);
      finishReason.resolve(settled.finishReason);
      response.resolve(settled.response);
      repaired.resolve(settled.repaired);
      object.resolve(settled.object as InferObject<S>);
    } catch (error) {
      const reason = toStreamError(error);
      usage.resolve((reason as { usage?: Usage }).usage ?? round.usage);
      warnings.resolve([...plan.warnings, ...round.warnings]);
      for (const pending of [object, finishReason, response, repaired]) pending.reject(reason);
    } finally {
      callerSignal?.removeEventListener('abort', forwardAbort);
      items.close();
    }
  };
  void pump();

  const stopEarly = () => {
    if (!cancel.signal.aborted) {
      cancel.abort(new AbortError('The stream was cancelled: its reader stopped early.'));
    }
  };
  const partialOf = (item: Item): DeepPartial<InferObject<S>> | undefined => {
    if (item.type === 'error') throw item.error;
    return item.type === 'partial' ? (item.value as DeepPartial<InferObject<S>>) : undefined;
  };
  const textOf = (item: Item): string | undefined => {
    if (item.type === 'error') throw item.error;
    return item.type === 'text' ? item.delta : undefined;
  };
  return {
    get partialObjectStream() {
      return { [Symbol.asyncIterator]: () => items.read(partialOf, stopEarly) };
    },
    get textStream() {
      return { [Symbol.asyncIterator]: () => items.read(textOf, stopEarly) };
    },
    object: object.promise,
    usage: usage.promise,
    finishReason: finishReason.promise,
    warnings: warnings.promise,
    response: response.promise,
    repaired: repaired.promise,
    mode: plan.mode,
  };
}
