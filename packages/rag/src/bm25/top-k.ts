/**
 * Selects the best `k` candidates without sorting them all: a min-heap of size `k` whose root
 * is the worst kept candidate. Order: higher score first, then the smaller id (code-unit
 * order), so that ties come out the same whatever order documents were added in.
 */
export class TopK {
  private readonly ordinals: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly ids: readonly string[],
  ) {
    this.ordinals = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** True when candidate a ranks below candidate b. */
  private worse(scoreA: number, ordinalA: number, scoreB: number, ordinalB: number): boolean {
    if (scoreA !== scoreB) return scoreA < scoreB;
    return (this.ids[ordinalA] as string) > (this.ids[ordinalB] as string);
  }

  push(ordinal: number, score: number): void {
    if (this.size < this.capacity) {
      let index = this.size++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        const parentScore = this.scores[parent] as number;
        const parentOrdinal = this.ordinals[parent] as number;
        if (!this.worse(score, ordinal, parentScore, parentOrdinal)) break;
        this.scores[index] = parentScore;
        this.ordinals[index] = parentOrdinal;
        index = parent;
      }
      this.scores[index] = score;
      this.ordinals[index] = ordinal;
      return;
    }
    if (this.capacity === 0) return;
    if (!this.worse(this.scores[0] as number, this.ordinals[0] as number, score, ordinal)) return;
    this.siftDown(ordinal, score);
  }

  /** Replaces the root with the candidate and restores the heap. */
  private siftDown(ordinal: number, score: number): void {
    let index = 0;
    const size = this.size;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        this.worse(
          this.scores[right] as number,
          this.ordinals[right] as number,
          this.scores[child] as number,
          this.ordinals[child] as number,
        )
      ) {
        child = right;
      }
      const childScore = this.scores[child] as number;
      const childOrdinal = this.ordinals[child] as number;
      if (!this.worse(childScore, childOrdinal, score, ordinal)) break;
      this.scores[index] = childScore;
      this.ordinals[index] = childOrdinal;
      index = child;
    }
    this.scores[index] = score;
    this.ordinals[index] = ordinal;
  }

  /** The kept candidates, best first. */
  sorted(): Array<{ ordinal: number; score: number }> {
    const entries: Array<{ ordinal: number; score: number }> = [];
    for (let index = 0; index < this.size; index++) {
      entries.push({
        ordinal: this.ordinals[index] as number,
        score: this.scores[index] as number,
      });
    }
    return entries.sort((a, b) =>
      this.worse(a.score, a.ordinal, b.score, b.ordinal)
        ? 1
        : this.worse(b.score, b.ordinal, a.score, a.ordinal)
          ? -1
          : 0,
    );
  }
}
