import { cosineSimilarity, type EmbeddingModel, embedMany, ValidationError } from '@weft/core';
import type { Chunk, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import type { AsyncChunker } from './async-chunker.js';
import { buildChunks, offsetWarnings, toDocument } from './chunk-input.js';
import { checkLength } from './measure.js';
import { splitAndPack } from './recursive-chunker.js';
import { segmentSentences } from './segment-sentences.js';
import { skipWhitespaceBackward, skipWhitespaceForward, type TextRange } from './text-ranges.js';

export interface SemanticChunkerOptions {
  embeddingModel: EmbeddingModel;
  /** Cut where the similarity of neighbouring sentences is below this (cosine, -1..1). */
  threshold?: number;
  /**
   * Cut where the similarity is below this percentile of all neighbour similarities in the
   * document (0-100). Default 10 when `threshold` is not given.
   */
  percentile?: number;
  /** An upper bound on chunk size; longer groups are cut recursively. Default none. */
  chunkSize?: number;
  length?: LengthFunction;
  locale?: string;
}

function fail(message: string, path: string): never {
  throw new ValidationError(`semanticChunker: ${message}`, { issues: [{ path: [path], message }] });
}

function percentileOf(values: readonly number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * percentile) / 100;
  const below = sorted[Math.floor(position)] as number;
  const above = sorted[Math.ceil(position)] as number;
  return below + (above - below) * (position - Math.floor(position));
}

/**
 * Groups consecutive sentences and cuts where the embedding similarity between neighbours
 * drops (below `threshold`, or below the `percentile` of the document's similarities).
 * Async: it embeds every sentence with `embedMany`.
 *
 * @example
 * const chunks = await semanticChunker({ embeddingModel, percentile: 10 }).chunk(document);
 */
export function semanticChunker(options: SemanticChunkerOptions): AsyncChunker {
  if (typeof options?.embeddingModel?.embed !== 'function') {
    fail('embeddingModel must be an EmbeddingModel.', 'embeddingModel');
  }
  const { threshold, chunkSize, locale } = options;
  if (threshold !== undefined && options.percentile !== undefined) {
    fail('give threshold or percentile, not both.', 'threshold');
  }
  if (threshold !== undefined && !(threshold >= -1 && threshold <= 1)) {
    fail(`threshold must be in [-1, 1], got ${threshold}.`, 'threshold');
  }
  const percentile = options.percentile ?? 10;
  if (!(percentile >= 0 && percentile <= 100)) {
    fail(`percentile must be in [0, 100], got ${percentile}.`, 'percentile');
  }
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    fail(`chunkSize must be a positive integer, got ${chunkSize}.`, 'chunkSize');
  }
  const length = checkLength(options.length, 'semanticChunker');
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    async chunk(input: Document | string, callOptions = {}): Promise<Chunk[]> {
      const document = toDocument(input, 'semanticChunker');
      const { text } = document;
      // Sentences trimmed; whitespace-only ones carry nothing to embed.
      const sentences: TextRange[] = [];
      for (const range of segmentSentences(text, 0, text.length, locale)) {
        const start = skipWhitespaceForward(text, range.start, range.end);
        const end = skipWhitespaceBackward(text, start, range.end);
        if (start < end) sentences.push({ start, end });
      }
      const groups: TextRange[] = [];
      if (sentences.length > 0) {
        const { embeddings } = await embedMany({
          model: options.embeddingModel,
          values: sentences.map((range) => text.slice(range.start, range.end)),
          signal: callOptions.signal,
        });
        const similarities = embeddings
          .slice(1)
          .map((vector, index) => cosineSimilarity(embeddings[index] as Float32Array, vector));
        const cut =
          threshold ?? (similarities.length > 0 ? percentileOf(similarities, percentile) : 0);
        let groupStart = (sentences[0] as TextRange).start;
        similarities.forEach((similarity, index) => {
          if (similarity < cut) {
            groups.push({ start: groupStart, end: (sentences[index] as TextRange).end });
            groupStart = (sentences[index + 1] as TextRange).start;
          }
        });
        groups.push({ start: groupStart, end: (sentences[sentences.length - 1] as TextRange).end });
      }
      const spans: TextRange[] = [];
      const found: ChunkWarning[] = [];
      for (const group of groups) {
        if (chunkSize === undefined) {
          spans.push(group);
          continue;
        }
        const result = splitAndPack({
          text,
          ranges: [group],
          chunkSize,
          chunkOverlap: 0,
          length,
          separators: ['\n\n', '\n', ' ', ''],
        });
        found.push(...offsetWarnings(result.warnings, spans.length));
        spans.push(...result.spans);
      }
      warnings = found;
      return buildChunks(document, spans);
    },
  };
}
