import { WeftError, type WeftErrorOptions } from '../errors/weft-error.js';

/** Replay found no recording for a request: record it first, or fix what changed. */
export class UnrecordedRequestError extends WeftError {
  static override readonly errorName: string = 'UnrecordedRequestError';
  /** The request's key in the cassette. */
  readonly key: string;
  /** Where the cassette is, e.g. its file path. */
  readonly cassette: string;

  constructor(message: string, options: WeftErrorOptions & { key: string; cassette: string }) {
    super('unrecorded_request', message, options);
    this.key = options.key;
    this.cassette = options.cassette;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), key: this.key, cassette: this.cassette };
  }
}
