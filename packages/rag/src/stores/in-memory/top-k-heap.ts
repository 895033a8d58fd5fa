/**
 * The best `capacity` (score, row) pairs seen so far: a bounded min-heap, so a scan over n
 * rows costs O(n log k) and never sorts the whole collection. Reused across queries.
 */
export class TopKHeap {
  private scores: Float64Array;
  private rows: Int32Array;
  private size = 0;
  private capacity = 0;

  constructor(capacity = 16) {
    this.scores = new Float64Array(Math.max(1, capacity));
    this.rows = new Int32Array(Math.max(1, capacity));
  }

  /** Empties the heap and sets how many pairs it keeps. */
  reset(capacity: number): void {
    if (capacity > this.scores.length) {
      this.scores = new Float64Array(capacity);
      this.rows = new Int32Array(capacity);
    }
    this.capacity = capacity;
    this.size = 0;
  }

  /** The lowest score kept once the heap is full (anything not above it is dropped). */
  get threshold(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  push(score: number, row: number): void {
    const { scores, rows } = this;
    if (this.size < this.capacity) {
      let index = this.size++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if ((scores[parent] as number) <= score) break;
        scores[index] = scores[parent] as number;
        rows[index] = rows[parent] as number;
        index = parent;
      }
      scores[index] = score;
      rows[index] = row;
      return;
    }
    if (this.capacity === 0 || score <= (scores[0] as number)) return;
    // Replace the root (the worst kept) and sift down.
    const size = this.size;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child =
        right < size && (scores[right] as number) < (scores[left] as number) ? right : left;
      if ((scores[child] as number) >= score) break;
      scores[index] = scores[child] as number;
      rows[index] = rows[child] as number;
      index = child;
    }
    scores[index] = score;
    rows[index] = row;
  }

  /** The kept pairs, best first. */
  drain(): Array<{ row: number; score: number }> {
    const result: Array<{ row: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) {
      result.push({ row: this.rows[i] as number, score: this.scores[i] as number });
    }
    this.size = 0;
    return result.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}
