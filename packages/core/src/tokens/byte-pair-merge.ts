import { bytePairEncodeLong } from './byte-pair-merge-long.js';

const longPieceBytes = 256;

/**
 * Splits one pre-tokenized piece (a binary string of its UTF-8 bytes, not itself a token)
 * into token ids by byte-pair merging: repeatedly merge the adjacent pair with the lowest
 * rank, the leftmost on ties. This is tiktoken's algorithm, so the ids are tiktoken's.
 */
export function bytePairEncode(piece: string, rankOf: Map<string, number>): number[] {
  const length = piece.length;
  // The scan below is quadratic; past a few hundred bytes the heap version is faster.
  if (length > longPieceBytes) return bytePairEncodeLong(piece, rankOf);
  // boundaries[i] is where part i starts; pairRanks[i] is the rank of parts i and i+1 merged.
  const boundaries = new Int32Array(length + 1);
  const pairRanks = new Float64Array(length);
  for (let index = 0; index <= length; index++) boundaries[index] = index;
  let parts = length;
  for (let index = 0; index < length - 1; index++) {
    pairRanks[index] = rankOf.get(piece.slice(index, index + 2)) ?? Number.POSITIVE_INFINITY;
  }
  pairRanks[length - 1] = Number.POSITIVE_INFINITY;

  while (parts > 1) {
    let best = 0;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let index = 0; index < parts - 1; index++) {
      const rank = pairRanks[index] as number;
      if (rank < bestRank) {
        bestRank = rank;
        best = index;
      }
    }
    if (bestRank === Number.POSITIVE_INFINITY) break;
    // Part `best` absorbs part best+1: shift the later boundaries and ranks left by one.
    boundaries.copyWithin(best + 1, best + 2, parts + 1);
    pairRanks.copyWithin(best + 1, best + 2, parts);
    parts--;
    pairRanks[best] = mergedRank(piece, boundaries, best, parts, rankOf);
    if (best > 0) pairRanks[best - 1] = mergedRank(piece, boundaries, best - 1, parts, rankOf);
  }

  const ids: number[] = [];
  for (let index = 0; index < parts; index++) {
    const rank = rankOf.get(piece.slice(boundaries[index], boundaries[index + 1]));
    // Every single byte is a token in tiktoken encodings, so a part always has a rank.
    if (rank !== undefined) ids.push(rank);
  }
  return ids;
}

function mergedRank(
  piece: string,
  boundaries: Int32Array,
  part: number,
  parts: number,
  rankOf: Map<string, number>,
): number {
  if (part + 2 > parts) return Number.POSITIVE_INFINITY;
  return (
    rankOf.get(piece.slice(boundaries[part], boundaries[part + 2])) ?? Number.POSITIVE_INFINITY
  );
}
