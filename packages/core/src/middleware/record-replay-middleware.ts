import { ValidationError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import {
  type Cassette,
  type CassetteEntry,
  eventFromJson,
  eventToJson,
  parseCassette,
  type RecordedResult,
  responseFromJson,
  responseToJson,
} from './cassette.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { normalizedRequest, sha256Hex, stableStringify } from './request-key.js';
import { deserializeError, serializeError } from './serialize-error.js';
import { UnrecordedRequestError } from './unrecorded-request-error.js';

/** Where a cassette's text lives. `fileCassetteStorage` (Node) keeps it in a file. */
export interface CassetteStorage {
  /** Shown in errors, e.g. the file path. */
  readonly name: string;
  /** The cassette's text, or `undefined` when there is none yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

export type RecordReplayMode = 'record' | 'replay' | 'auto';

export interface RecordReplayMiddlewareOptions {
  /**
   * `record` calls the model and saves every answer; `replay` answers only from the
   * cassette and throws `UnrecordedRequestError` for anything else; `auto` replays what is
   * recorded and records the rest.
   */
  mode: RecordReplayMode;
  /**
   * Where the cassette lives: `fileCassetteStorage(path)` from `@weft/core/node` keeps it in
   * a JSON file; any `{ name, read, write }` works elsewhere (edge runtimes, tests).
   */
  storage: CassetteStorage;
}

/**
 * Records model calls to a cassette once and replays them in tests, streams included,
 * event by event. Errors replay as the same error class. In `replay` mode a request that
 * was never recorded throws `UnrecordedRequestError`, naming its key and the cassette.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [
 *   recordReplayMiddleware({
 *     mode: process.env.RECORD ? 'record' : 'replay',
 *     storage: fileCassetteStorage('test/cassettes/chat.json'), // from '@weft/core/node'
 *   }),
 * ]);
 */
export function recordReplayMiddleware(options: RecordReplayMiddlewareOptions): ChatMiddleware {
  if (!['record', 'replay', 'auto'].includes(options.mode)) {
    throw new ValidationError(`recordReplayMiddleware: unknown mode "${options.mode}".`, {
      issues: [{ path: ['mode'], message: 'must be record, replay or auto' }],
    });
  }
  const { storage } = options;
  if (typeof storage?.read !== 'function' || typeof storage.write !== 'function') {
    throw new ValidationError(
      'recordReplayMiddleware needs a storage, e.g. fileCassetteStorage(path) from @weft/core/node.',
      { issues: [{ path: ['storage'], message: 'required { name, read, write }' }] },
    );
  }
  const where = storage.name;
  let loaded: Promise<{ storage: CassetteStorage; cassette: Cassette }> | undefined;
  const load = () => {
    loaded ??= (async () => {
      const text = await storage.read();
      const cassette: Cassette =
        text === undefined ? { version: 1, entries: {} } : parseCassette(text, where);
      return { storage, cassette };
    })();
    return loaded;
  };
  // Saves run one after another, each writing the whole cassette as it then is.
  let saving: Promise<void> = Promise.resolve();
  const save = async (key: string, entry: CassetteEntry) => {
    const { storage, cassette } = await load();
    cassette.entries[key] = entry;
    const run = saving.then(() => storage.write(`${JSON.stringify(cassette, null, 2)}\n`));
    saving = run.catch(() => undefined);
    await run;
  };

  /** The recorded result for a request, or undefined when the model must be called. */
  const lookup = async (method: 'generate' | 'stream', request: unknown) => {
    const key = `${method}:${(await sha256Hex(stableStringify(request))).slice(0, 32)}`;
    const { cassette } = await load();
    const recorded = options.mode === 'record' ? undefined : cassette.entries[key]?.result;
    if (!recorded && options.mode === 'replay') {
      throw new UnrecordedRequestError(
        `No recording of this ${method} request (key ${key}) in the cassette ${where}. Run once with mode "record" (or "auto") to record it.`,
        { key, cassette: where },
      );
    }
    const record = (result: RecordedResult) => save(key, { request, result });
    return { recorded, record };
  };

  return {
    name: 'record-replay',

    async wrapGenerate({ request, model, next }) {
      const { recorded, record } = await lookup('generate', normalizedRequest(request, model));
      if (recorded?.type === 'response') return responseFromJson(recorded.response);
      if (recorded?.type === 'error') throw deserializeError(recorded.error);
      try {
        const response = await next();
        await record({ type: 'response', response: responseToJson(response) });
        return response;
      } catch (error) {
        if (WeftError.isInstance(error))
          await record({ type: 'error', error: serializeError(error) });
        throw error;
      }
    },

    async *wrapStream({ request, model, next }) {
      const { recorded, record } = await lookup('stream', normalizedRequest(request, model));
      if (recorded?.type === 'stream') {
        for (const event of recorded.events) yield eventFromJson(event);
        return;
      }
      if (recorded?.type === 'error') throw deserializeError(recorded.error);
      const events: ChatStreamEvent[] = [];
      try {
        for await (const event of next()) {
          events.push(event);
          yield event;
        }
      } catch (error) {
        // Thrown before the first event: the stream never started; record that failure.
        if (events.length === 0 && WeftError.isInstance(error)) {
          await record({ type: 'error', error: serializeError(error) });
        }
        throw error;
      }
      // Reached only when the stream ran to its end (a `break` downstream skips this).
      await record({ type: 'stream', events: events.map(eventToJson) });
    },
  };
}
