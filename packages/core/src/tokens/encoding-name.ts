/** The tiktoken encodings Weft ships (through js-tiktoken's rank files). */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Every encoding name, for validation and error messages. */
export const encodingNames: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

/** Whether `value` names a shipped encoding. */
export function isEncodingName(value: unknown): value is EncodingName {
  return value === 'o200k_base' || value === 'cl100k_base';
}
