import { ValidationError } from '../errors/errors.js';

/**
 * Refuses a middleware option that is not a positive (or, with `allowZero`, non-negative)
 * finite number, before any request is sent. `undefined` passes: the option is optional.
 */
export function checkNumberOption(
  middleware: string,
  name: string,
  value: number | undefined,
  rules: { integer?: boolean; allowZero?: boolean; max?: number } = {},
): void {
  if (value === undefined) return;
  const low = rules.allowZero ? value >= 0 : value > 0;
  const ok =
    Number.isFinite(value) &&
    low &&
    (!rules.integer || Number.isInteger(value)) &&
    (rules.max === undefined || value <= rules.max);
  if (ok) return;
  const kind = rules.integer ? 'integer' : 'number';
  const wanted = `${rules.allowZero ? 'a non-negative' : 'a positive'} ${kind}${rules.max === undefined ? '' : ` at most ${rules.max}`}`;
  throw new ValidationError(`${middleware}: ${name} must be ${wanted}, got ${value}.`, {
    issues: [{ path: [name], message: `must be ${wanted}` }],
  });
}
