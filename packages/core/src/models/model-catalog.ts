import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { defaultModels } from './catalog-data.js';
import type { ModelInfo } from './model-info.js';

/** A lookup of model limits and prices. Immutable: `with` returns a new catalog. */
export interface ModelCatalog {
  /**
   * The model's entry, by exact id, alias, or a dated snapshot of either
   * (`gpt-4o-2024-08-06` -> `gpt-4o`, `claude-sonnet-4-5-20250929` -> `claude-sonnet-4-5`).
   * `undefined` for an unknown id.
   */
  get(modelId: string): ModelInfo | undefined;
  /** Every entry, in the order given. */
  list(): readonly ModelInfo[];
  /** A new catalog with these entries added; an entry with a known id replaces the old one. */
  with(entries: readonly ModelInfo[]): ModelCatalog;
}

// OpenAI dates snapshots as -2024-08-06, Anthropic as -20250929.
const snapshotSuffix = /^-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

function checkNumber(
  value: unknown,
  path: Array<string | number>,
  issues: ValidationIssue[],
  rule: { positiveInteger?: boolean; optional?: boolean },
): void {
  if (value === undefined && rule.optional) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.positiveInteger ? Number.isInteger(value) && value > 0 : value >= 0);
  if (!ok) {
    const expected = rule.positiveInteger ? 'a positive integer' : 'a finite number >= 0';
    issues.push({ path, message: `must be ${expected}, got ${String(value)}` });
  }
}

function checkEntry(entry: ModelInfo, index: number, issues: ValidationIssue[]): void {
  const at = (...path: Array<string | number>) => [index, ...path];
  if (typeof entry?.id !== 'string' || entry.id === '') {
    issues.push({ path: at('id'), message: 'must be a non-empty string' });
  }
  checkNumber(entry?.contextWindow, at('contextWindow'), issues, { positiveInteger: true });
  checkNumber(entry?.maxOutputTokens, at('maxOutputTokens'), issues, {
    positiveInteger: true,
    optional: true,
  });
  const pricing = entry?.pricing;
  checkNumber(pricing?.inputPerMillion, at('pricing', 'inputPerMillion'), issues, {});
  checkNumber(pricing?.outputPerMillion, at('pricing', 'outputPerMillion'), issues, {});
  checkNumber(pricing?.cachedInputPerMillion, at('pricing', 'cachedInputPerMillion'), issues, {
    optional: true,
  });
  checkNumber(pricing?.cacheWritePerMillion, at('pricing', 'cacheWritePerMillion'), issues, {
    optional: true,
  });
}

/**
 * A model catalog from your own entries, on top of Weft's defaults unless `base` says
 * otherwise. Entries are checked: a negative price or a missing context window throws a
 * `ValidationError`.
 *
 * @example
 * const catalog = createModelCatalog([{ id: 'my-llama', provider: 'ollama', kind: 'chat',
 *   contextWindow: 8192, pricing: { inputPerMillion: 0, outputPerMillion: 0 } }]);
 */
export function createModelCatalog(
  entries: readonly ModelInfo[] = [],
  options: { base?: readonly ModelInfo[] } = {},
): ModelCatalog {
  const issues: ValidationIssue[] = [];
  entries.forEach((entry, index) => {
    checkEntry(entry, index, issues);
  });
  if (issues.length > 0) {
    const detail = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid model catalog entry: ${detail}`, { issues });
  }
  const byId = new Map<string, ModelInfo>();
  for (const entry of [...(options.base ?? defaultModels), ...entries]) {
    const frozen = Object.freeze({ ...entry, pricing: Object.freeze({ ...entry.pricing }) });
    for (const name of [entry.id, ...(entry.aliases ?? [])]) byId.set(name, frozen);
  }
  const all = [...new Set(byId.values())];

  const get = (modelId: string): ModelInfo | undefined => {
    if (typeof modelId !== 'string') return undefined;
    const exact = byId.get(modelId);
    if (exact) return exact;
    // A dated snapshot: the longest known id that the snapshot id starts with.
    let best: ModelInfo | undefined;
    let bestLength = 0;
    for (const [name, info] of byId) {
      if (
        name.length > bestLength &&
        modelId.startsWith(name) &&
        snapshotSuffix.test(modelId.slice(name.length))
      ) {
        best = info;
        bestLength = name.length;
      }
    }
    return best;
  };

  return {
    get,
    list: () => all,
    with: (more) => createModelCatalog(more, { base: all }),
  };
}

/** Weft's built-in catalog of current OpenAI and Anthropic models (see `catalogDate`). */
export const defaultModelCatalog: ModelCatalog = createModelCatalog();

/**
 * Limits and list prices of a known model, from the default catalog; `undefined` for an
 * unknown id.
 *
 * @example
 * getModelInfo('gpt-4o-2024-08-06')?.contextWindow; // 128000
 */
export function getModelInfo(modelId: string): ModelInfo | undefined {
  return defaultModelCatalog.get(modelId);
}
