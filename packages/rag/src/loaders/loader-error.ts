import { WeftError, type WeftErrorOptions } from '@weft/core';

export interface LoaderErrorOptions extends WeftErrorOptions {
  /** The file path or URL being loaded, when known. */
  source?: string;
}

/** A document could not be read or parsed: unreadable bytes, bad syntax, a refused URL. */
export class LoaderError extends WeftError {
  static override readonly errorName: string = 'LoaderError';
  readonly source?: string;

  constructor(message: string, options: LoaderErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'loader', message, options);
    this.source = options.source;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), source: this.source };
  }
}
