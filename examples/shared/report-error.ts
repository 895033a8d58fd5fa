import { WeftError } from '@weft/core';

/**
 * One line for a failed call, without a stack trace. Weft's errors carry a stable `code`
 * (e.g. `authentication`, `rate_limit`) and never contain API keys, so the message is safe
 * to show.
 */
export function formatError(error: unknown): string {
  if (WeftError.isInstance(error)) return `Error [${error.code}]: ${error.message}`;
  if (error instanceof Error) return `Error: ${error.message}`;
  return `Error: ${String(error)}`;
}

/** Prints a failed call's error to stderr and sets exit code 1. */
export function reportError(error: unknown): void {
  console.error(formatError(error));
  process.exitCode = 1;
}
