import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types/document.js';
import { chunkToRecord, recordContentHash, recordToChunk } from './chunk-record.js';

const chunk: Chunk = {
  id: 'guide.md#2',
  documentId: 'guide.md',
  index: 2,
  text: 'Retries use exponential backoff.',
  start: 120,
  end: 152,
  metadata: { source: 'guide.md', title: 'Guide', headingPath: ['Guide', 'Retries'] },
};

describe('chunk records', () => {
  it('round-trips a chunk through a vector-store record', () => {
    const record = chunkToRecord(chunk, new Float32Array([1, 0]), 'abc123');
    expect(record.text).toBe(chunk.text);
    expect(recordToChunk(record)).toEqual(chunk);
    expect(recordContentHash(record)).toBe('abc123');
  });

  it('refuses a record that does not hold a chunk', () => {
    expect(() =>
      recordToChunk({ id: 'x', vector: new Float32Array([1]), text: 'x', metadata: {} }),
    ).toThrow(/does not hold a chunk/);
  });
});
