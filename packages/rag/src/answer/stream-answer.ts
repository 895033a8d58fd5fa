import {
  AbortError,
  deferred,
  type FinishReason,
  ReplayBuffer,
  streamText,
  type Usage,
  WeftError,
} from '@weft/core';
import type { ScoredChunk } from '../types/index.js';
import { isNoAnswerReply, noAnswerText } from './answer-prompt.js';
import { buildCitations } from './build-citations.js';

import { checkAnswerOptions, prepareAnswer } from './prepare-answer.js';
import type {
  AnswerOptions,
  AnswerStreamEvent,
  AnswerWarning,
  Citation,
  Passage,
  StreamAnswerResult,
} from './types.js';

/** Any failure before the model's stream (a retriever's, a tokenizer's) as a WeftError. */
function toWeftError(error: unknown): WeftError {
  if (WeftError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WeftError('answer_failed', `answer failed before the model was called: ${message}`, {
    cause: error,
  });
}

/**
 * Streams an answer with citations: a `passages` event (what was retrieved and sent), the
 * model's events, then a `citations` event. The work starts at once; bad options throw a
 * `ValidationError` before anything runs. Leaving an iteration early cancels the request.
 *
 * @example
 * const result = streamAnswer({ model, retriever, question: 'How do I chunk code?' });
 * for await (const delta of result.textStream) process.stdout.write(delta);
 * console.log(await result.citations);
 */
export function streamAnswer(options: AnswerOptions): StreamAnswerResult {
  const checked = checkAnswerOptions(options);
  const cancel = new AbortController();
  const callerSignal = options.signal;
  const forwardAbort = () => cancel.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forwardAbort();
  else callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  const log = new ReplayBuffer<AnswerStreamEvent>();
  const text = deferred<string>();
  const citations = deferred<Citation[]>();
  const chunks = deferred<ScoredChunk[]>();
  const passages = deferred<Passage[]>();
  const usage = deferred<Usage>();
  const finishReason = deferred<FinishReason>();
  const noAnswer = deferred<boolean>();
  const warnings = deferred<AnswerWarning[]>();
  const settled = [text, citations, chunks, passages, finishReason, noAnswer, warnings];

  const finishWith = (result: {
    text: string;
    citations: Citation[];
    finishReason: FinishReason;
    noAnswer: boolean;
    warnings: AnswerWarning[];
  }) => {
    log.push({
      type: 'citations',
      citations: result.citations,
      noAnswer: result.noAnswer,
      warnings: result.warnings,
    });
    text.resolve(result.text);
    citations.resolve(result.citations);
    finishReason.resolve(result.finishReason);
    noAnswer.resolve(result.noAnswer);
    warnings.resolve(result.warnings);
  };

  const pump = async () => {
    let modelUsage: Promise<Usage> | undefined;
    try {
      const prepared = await prepareAnswer(checked, cancel.signal);
      const sent = prepared.kind === 'ask' ? prepared.passages : [];
      chunks.resolve(prepared.chunks);
      passages.resolve(sent);
      log.push({ type: 'passages', chunks: prepared.chunks, passages: sent });
      if (prepared.kind === 'nothing-found') {
        log.push({ type: 'text-delta', delta: noAnswerText });
        log.push({ type: 'finish', finishReason: 'stop', usage: {}, response: {} });
        usage.resolve({});
        finishWith({
          text: noAnswerText,
          citations: [],
          finishReason: 'stop',
          noAnswer: true,
          warnings: prepared.warnings,
        });
        return;
      }
      const stream = streamText({
        ...prepared.callOptions,
        model: options.model,
        system: prepared.system,
        prompt: prepared.prompt,
        signal: cancel.signal,
      });
      modelUsage = stream.usage;
      for await (const event of stream) log.push(event);
      const [answerText, reason] = await Promise.all([stream.text, stream.finishReason]);
      usage.resolve(await stream.usage);
      const built = buildCitations(answerText, prepared.passages);
      finishWith({
        text: answerText,
        citations: built.citations,
        finishReason: reason,
        noAnswer: built.citations.length === 0 && isNoAnswerReply(answerText),
        warnings: [...prepared.warnings, ...built.warnings],
      });
    } catch (error) {
      const failure =
        cancel.signal.aborted && !WeftError.isInstance(error)
          ? new AbortError()
          : toWeftError(error);
      // The model's stream reports its own failure as an event; anything else is added here.
      if (modelUsage === undefined) log.push({ type: 'error', error: failure });
      usage.resolve(modelUsage ? await modelUsage : {});
      for (const pending of settled) pending.reject(failure);
    } finally {
      callerSignal?.removeEventListener('abort', forwardAbort);
      log.close();
    }
  };
  void pump();

  const stopEarly = () => {
    if (!cancel.signal.aborted) {
      cancel.abort(new AbortError('The answer was cancelled: its reader stopped early.'));
    }
  };
  const textOf = (event: AnswerStreamEvent): string | undefined => {
    if (event.type === 'text-delta') return event.delta;
    if (event.type === 'error') throw event.error;
    return undefined;
  };
  const all = (event: AnswerStreamEvent) => event;

  return {
    [Symbol.asyncIterator]: () => log.read(all, stopEarly),
    get textStream() {
      return { [Symbol.asyncIterator]: () => log.read(textOf, stopEarly) };
    },
    text: text.promise,
    citations: citations.promise,
    chunks: chunks.promise,
    passages: passages.promise,
    usage: usage.promise,
    finishReason: finishReason.promise,
    noAnswer: noAnswer.promise,
    warnings: warnings.promise,
  };
}
