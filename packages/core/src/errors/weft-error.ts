const markerPrefix = 'weft.error.';

function markerFor(name: string): symbol {
  return Symbol.for(markerPrefix + name);
}

export interface WeftErrorOptions {
  cause?: unknown;
}

/**
 * The base of every error Weft throws. Each error has a stable `code`, and `isInstance` (or
 * `instanceof`) works even when two copies of `@weft/core` are loaded, because the check
 * looks for a `Symbol.for` marker rather than the class identity.
 */
export class WeftError extends Error {
  /** Stable, machine-readable code, e.g. `rate_limit`. */
  readonly code: string;

  constructor(code: string, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // Mark the instance for every class in its prototype chain, so that checks against a
    // base class match subclasses too, across package copies.
    let proto: object | null = Object.getPrototypeOf(this);
    while (proto && proto !== Error.prototype) {
      const ctor = (proto as { constructor?: { errorName?: string } }).constructor;
      if (ctor?.errorName) {
        Object.defineProperty(this, markerFor(ctor.errorName), { value: true, enumerable: false });
      }
      proto = Object.getPrototypeOf(proto);
    }
    Object.defineProperty(this, 'name', {
      value: (new.target as { errorName?: string }).errorName ?? 'WeftError',
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  /** The class name used for the cross-copy marker. Subclasses override it. */
  static readonly errorName: string = 'WeftError';

  /** True when `value` is an instance of this class (or a subclass), from any package copy. */
  // `this` is the class the check is called on, so that subclasses check their own marker.
  static isInstance<T>(
    this: { readonly errorName: string; readonly prototype: T },
    value: unknown,
  ): value is T {
    return (
      typeof value === 'object' &&
      value !== null &&
      // biome-ignore lint/complexity/noThisInStatic: the subclass the check is called on
      (value as Record<symbol, unknown>)[markerFor(this.errorName)] === true
    );
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the subclass `instanceof` is called on
    return WeftError.isInstance.call(this, value);
  }

  /** A plain, secret-free view of the error for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}
