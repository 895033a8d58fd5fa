/**
 * Byte-pair merging for long pieces (a 100 KB run of letters or spaces is one piece): the
 * same merges as `bytePairEncode`, in O(n log n) rather than O(n²). Parts form a linked list
 * and candidate pairs sit in a min-heap ordered by (rank, start); a candidate whose span has
 * changed since it was pushed is stale and skipped. Lowest rank first, leftmost on ties, is
 * exactly tiktoken's order, so the ids are the same.
 */
export function bytePairEncodeLong(piece: string, rankOf: Map<string, number>): number[] {
  const length = piece.length;
  // Parts are named by their start offset: next[s] is where the part after it starts.
  const next = new Int32Array(length + 1);
  const prev = new Int32Array(length + 1);
  const alive = new Uint8Array(length + 1);
  for (let index = 0; index <= length; index++) {
    next[index] = index + 1;
    prev[index] = index - 1;
    alive[index] = 1;
  }
  const heap = new PairHeap();
  const pushPair = (start: number) => {
    const middle = next[start] as number;
    if (middle >= length) return;
    const end = next[middle] as number;
    const rank = rankOf.get(piece.slice(start, end));
    if (rank !== undefined) heap.push(rank, start, end);
  };
  for (let start = 0; start < length - 1; start++) pushPair(start);

  while (heap.size > 0) {
    const { start, end } = heap.pop();
    const middle = next[start] as number;
    if (!alive[start] || middle >= length || next[middle] !== end) continue;
    // Merge the part at `middle` into the part at `start`.
    alive[middle] = 0;
    next[start] = end;
    if (end <= length) prev[end] = start;
    pushPair(start);
    const before = prev[start] as number;
    if (before >= 0) pushPair(before);
  }

  const ids: number[] = [];
  for (let start = 0; start < length; start = next[start] as number) {
    const rank = rankOf.get(piece.slice(start, next[start]));
    if (rank !== undefined) ids.push(rank);
  }
  return ids;
}

/** A binary min-heap of (rank, start, end), ordered by rank, then start. */
class PairHeap {
  private readonly ranks: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get size(): number {
    return this.ranks.length;
  }

  push(rank: number, start: number, end: number): void {
    this.ranks.push(rank);
    this.starts.push(start);
    this.ends.push(end);
    this.siftUp(this.ranks.length - 1);
  }

  pop(): { rank: number; start: number; end: number } {
    const top = {
      rank: this.ranks[0] as number,
      start: this.starts[0] as number,
      end: this.ends[0] as number,
    };
    const last = this.ranks.length - 1;
    this.move(last, 0);
    this.ranks.pop();
    this.starts.pop();
    this.ends.pop();
    if (this.ranks.length > 0) this.siftDown(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    const rankA = this.ranks[a] as number;
    const rankB = this.ranks[b] as number;
    return (
      rankA < rankB || (rankA === rankB && (this.starts[a] as number) < (this.starts[b] as number))
    );
  }

  private move(from: number, to: number): void {
    this.ranks[to] = this.ranks[from] as number;
    this.starts[to] = this.starts[from] as number;
    this.ends[to] = this.ends[from] as number;
  }

  private swap(a: number, b: number): void {
    const rank = this.ranks[a] as number;
    const start = this.starts[a] as number;
    const end = this.ends[a] as number;
    this.move(b, a);
    this.ranks[b] = rank;
    this.starts[b] = start;
    this.ends[b] = end;
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.less(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const size = this.ranks.length;
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < size && this.less(left, smallest)) smallest = left;
      if (right < size && this.less(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }
}
