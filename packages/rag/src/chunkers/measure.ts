import { ValidationError } from '@weft/core';
import type { LengthFunction } from '../types/index.js';
import { characterLength } from './length.js';
import { skipWhitespaceBackward, skipWhitespaceForward } from './text-ranges.js';

/**
 * The length of `text.slice(start, end)` with surrounding whitespace trimmed, i.e. of the chunk
 * that range would become. With `characterLength` it is pure arithmetic (no slice).
 */
export type Measure = (start: number, end: number) => number;

/** Binds a length function to one text. */
export function createMeasure(text: string, length: LengthFunction = characterLength): Measure {
  if (length === characterLength) {
    return (start, end) => {
      const from = skipWhitespaceForward(text, start, end);
      return skipWhitespaceBackward(text, from, end) - from;
    };
  }
  return (start, end) => {
    const from = skipWhitespaceForward(text, start, end);
    const to = skipWhitespaceBackward(text, from, end);
    if (to === from) return 0;
    const value = length(text.slice(from, to));
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValidationError(
        `The length function returned ${value}; it must return a number >= 0.`,
        {
          issues: [{ path: ['length'], message: 'expected a finite number >= 0' }],
        },
      );
    }
    return value;
  };
}

/** Checks a user's `length` option. */
export function checkLength(length: unknown, caller: string): LengthFunction {
  if (length === undefined) return characterLength;
  if (typeof length !== 'function') {
    throw new ValidationError(`${caller}: length must be a function (text) => number.`, {
      issues: [{ path: ['length'], message: 'expected a function' }],
    });
  }
  return length as LengthFunction;
}
