import { characterLength } from './length.js';
import type { PackResult } from './pack-units.js';
import { splitAndPack } from './recursive-chunker.js';

/**
 * The general path's chunks of a whole text by character length: what the character fast
 * paths must give. For tests; not published.
 */
export function packGenerally(options: {
  text: string;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
}): PackResult {
  return splitAndPack({
    ...options,
    ranges: [{ start: 0, end: options.text.length }],
    length: characterLength,
  });
}
