/**
 * An incremental parser for JSON that is still arriving. After each `push`, `snapshot()`
 * gives the value so far as a deep-partial copy: open objects and arrays with the members
 * that are complete, and a string that is still arriving with the characters seen so far.
 * What could still change meaning is left out: a key without its value, a number whose last
 * digit may be yet to come, half an escape sequence. `true`, `false` and `null` appear as
 * soon as their first letter does, since nothing else could follow.
 */

type Container = Record<string, unknown> | unknown[];

interface Frame {
  container: Container;
  /** The key whose value is being read (objects only). */
  key?: string;
  /** What the next significant character may be. */
  expect: 'key-or-end' | 'key' | 'colon' | 'value-or-end' | 'value' | 'comma-or-end';
}

interface StringToken {
  kind: 'string';
  isKey: boolean;
  text: string;
  /** An escape sequence not yet complete, from its backslash. */
  escape: string;
  /** A high surrogate from a `\uD8xx` escape, waiting for its low half. */
  highSurrogate: string;
}

type Token = StringToken | { kind: 'number'; text: string } | { kind: 'literal'; rest: string };

const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const numberChars = /[0-9eE+\-.]/;
const simpleEscapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const whitespace = new Set([' ', '\t', '\n', '\r']);

/** Sets a member without ever touching a prototype (a `__proto__` key stays a plain key). */
function setMember(target: Container, key: string | undefined, value: unknown): void {
  if (Array.isArray(target)) {
    target.push(value);
    return;
  }
  Object.defineProperty(target, key as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) setMember(copy, key, clone(member));
  return copy;
}

export class PartialJsonParser {
  private readonly stack: Frame[] = [];
  private token: Token | undefined;
  private root: unknown;
  private hasRoot = false;
  private failure: string | undefined;
  private complete = false;
  private position = 0;
  private cursor = 0;

  /** The reason the text is not JSON, once it is known not to be. */
  get error(): string | undefined {
    return this.failure;
  }

  /** True once the top-level value has ended. */
  get done(): boolean {
    return this.complete;
  }

  /**
   * Feeds more text. Returns how many of its characters belong to the JSON value; the rest
   * (after the value ended, or from the first error) was not consumed.
   */
  push(text: string): number {
    let index = 0;
    while (index < text.length && this.failure === undefined && !this.complete) {
      this.cursor = this.position + index;
      index = this.step(text, index);
    }
    // Whitespace after the value belongs to it.
    while (this.complete && index < text.length && whitespace.has(text[index] as string)) index++;
    this.position += index;
    return index;
  }

  /** Ends the input: a number at the very end is complete now. */
  finish(): void {
    if (this.token?.kind === 'number' && this.failure === undefined) this.endNumber();
    if (this.failure === undefined && !this.complete) this.fail('the JSON text ended early');
  }

  /** A deep copy of the value so far; `undefined` before anything of it has arrived. */
  snapshot(): unknown {
    if (!this.hasRoot) {
      const token = this.token;
      return token?.kind === 'string' ? token.text : undefined;
    }
    const copy = clone(this.root);
    const token = this.token;
    if (token?.kind !== 'string' || token.isKey) return copy;
    // The string being read goes into the innermost open container of the copy.
    let target: unknown = copy;
    for (let depth = 1; depth < this.stack.length; depth++) {
      const parent = this.stack[depth - 1] as Frame;
      target = Array.isArray(target)
        ? target[target.length - 1]
        : (target as Record<string, unknown>)[parent.key as string];
    }
    const frame = this.stack[this.stack.length - 1] as Frame;
    setMember(target as Container, frame.key, token.text);
    return copy;
  }

  private fail(message: string): void {
    this.failure ??= `${message} (at character ${this.cursor})`;
  }

  private step(text: string, index: number): number {
    const token = this.token;
    if (token?.kind === 'string') return this.readString(token, text, index);
    const char = text[index] as string;
    if (token?.kind === 'literal') {
      if (char !== token.rest[0]) {
        this.fail(`unexpected ${JSON.stringify(char)} in a literal`);
        return index;
      }
      token.rest = token.rest.slice(1);
      if (token.rest === '') {
        this.token = undefined;
        this.afterValue();
      }
      return index + 1;
    }
    if (token?.kind === 'number') {
      if (numberChars.test(char)) {
        token.text += char;
        return index + 1;
      }
      this.endNumber();
      return index; // the terminator is read as structure next
    }
    if (whitespace.has(char)) return index + 1;
    this.structure(char);
    return index + 1;
  }

  private structure(char: string): void {
    const frame = this.stack[this.stack.length - 1];
    const expect = frame?.expect ?? (this.hasRoot ? 'done' : 'value');
    if (expect === 'key-or-end' || expect === 'key') {
      if (char === '"') this.token = newString(true);
      else if (char === '}' && expect === 'key-or-end') this.close();
      else this.fail(`expected a property name, got ${JSON.stringify(char)}`);
    } else if (expect === 'colon') {
      if (char === ':') (frame as Frame).expect = 'value';
      else this.fail(`expected ":", got ${JSON.stringify(char)}`);
    } else if (expect === 'comma-or-end') {
      const isArray = Array.isArray((frame as Frame).container);
      if (char === ',') (frame as Frame).expect = isArray ? 'value' : 'key';
      else if (char === (isArray ? ']' : '}')) this.close();
      else this.fail(`expected "," or the end of the ${isArray ? 'array' : 'object'}`);
    } else if (expect === 'value' || expect === 'value-or-end') {
      if (char === ']' && expect === 'value-or-end') this.close();
      else this.startValue(char);
    } else {
      this.fail(`unexpected ${JSON.stringify(char)} after the JSON value`);
    }
  }

  private startValue(char: string): void {
    if (char === '{' || char === '[') {
      const container: Container = char === '{' ? {} : [];
      this.addValue(container);
      this.stack.push({ container, expect: char === '{' ? 'key-or-end' : 'value-or-end' });
    } else if (char === '"') {
      this.token = newString(false);
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      this.token = { kind: 'number', text: char };
    } else if (char === 't' || char === 'f' || char === 'n') {
      const literal = char === 't' ? 'true' : char === 'f' ? 'false' : 'null';
      this.addValue(char === 't' ? true : char === 'f' ? false : null);
      this.token = { kind: 'literal', rest: literal.slice(1) };
    } else {
      this.fail(`unexpected ${JSON.stringify(char)} where a value should start`);
    }
  }

  /** Puts a value into its container (or makes it the root); the caller ends the slot. */
  private addValue(value: unknown): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      this.root = value;
      this.hasRoot = true;
    } else {
      setMember(frame.container, frame.key, value);
    }
  }

  private afterValue(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame) frame.expect = 'comma-or-end';
    else this.complete = true;
  }

  private close(): void {
    this.stack.pop();
    this.afterValue();
  }

  private endNumber(): void {
    const token = this.token as { kind: 'number'; text: string };
    this.token = undefined;
    if (!numberPattern.test(token.text)) {
      this.fail(`${JSON.stringify(token.text)} is not a number`);
      return;
    }
    this.addValue(Number(token.text));
    this.afterValue();
  }

  private readString(token: StringToken, text: string, start: number): number {
    let index = start;
    if (token.escape === '') {
      // Copy the run of plain characters in one slice.
      while (index < text.length) {
        const code = text.charCodeAt(index);
        if (code === 0x22 || code === 0x5c || code < 0x20) break;
        index++;
      }
      if (index > start) {
        this.flushSurrogate(token);
        token.text += text.slice(start, index);
      }
      if (index >= text.length) return index;
      const char = text[index] as string;
      if (char === '"') {
        this.flushSurrogate(token);
        this.token = undefined;
        this.endString(token);
        return index + 1;
      }
      if (char !== '\\') {
        this.fail('a control character must be escaped inside a string');
        return index;
      }
      token.escape = '\\';
      return index + 1;
    }
    token.escape += text[index];
    this.readEscape(token);
    return index + 1;
  }

  private readEscape(token: StringToken): void {
    const sequence = token.escape;
    const kind = sequence[1] as string;
    if (kind !== 'u') {
      const decoded = simpleEscapes[kind];
      if (decoded === undefined) {
        this.fail(`invalid escape ${JSON.stringify(sequence)}`);
        return;
      }
      this.flushSurrogate(token);
      token.text += decoded;
      token.escape = '';
      return;
    }
    if (sequence.length < 6) {
      if (sequence.length > 2 && !/^[0-9a-fA-F]$/.test(sequence[sequence.length - 1] as string)) {
        this.fail(`invalid escape ${JSON.stringify(sequence)}`);
      }
      return;
    }
    const code = Number.parseInt(sequence.slice(2), 16);
    token.escape = '';
    const char = String.fromCharCode(code);
    if (code >= 0xdc00 && code <= 0xdfff && token.highSurrogate) {
      token.text += token.highSurrogate + char;
      token.highSurrogate = '';
      return;
    }
    this.flushSurrogate(token);
    // A high half waits for its low half, so that a snapshot never ends in half a character.
    if (code >= 0xd800 && code <= 0xdbff) token.highSurrogate = char;
    else token.text += char;
  }

  /** A high surrogate not followed by its low half is kept alone, as JSON.parse keeps it. */
  private flushSurrogate(token: StringToken): void {
    token.text += token.highSurrogate;
    token.highSurrogate = '';
  }

  private endString(token: StringToken): void {
    const frame = this.stack[this.stack.length - 1];
    if (token.isKey && frame) {
      frame.key = token.text;
      frame.expect = 'colon';
      return;
    }
    this.addValue(token.text);
    this.afterValue();
  }
}

function newString(isKey: boolean): StringToken {
  return { kind: 'string', isKey, text: '', escape: '', highSurrogate: '' };
}

/**
 * Parses a prefix of a JSON text: the partial value so far, whether it is complete, and the
 * error when the text cannot be the start of any JSON value.
 *
 * @example
 * parsePartialJson('{"title":"Pasta car'); // { value: { title: 'Pasta car' }, complete: false }
 */
export function parsePartialJson(text: string): {
  value: unknown;
  complete: boolean;
  error?: string;
} {
  const parser = new PartialJsonParser();
  parser.push(text);
  const value = parser.snapshot();
  if (parser.error) return { value, complete: false, error: parser.error };
  return { value, complete: parser.done };
}
