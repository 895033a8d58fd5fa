import type { PlannedWrite } from './compare-with-store.js';

export interface EmbedWindow {
  writes: PlannedWrite[];
  /** Texts first needed in this window: each distinct text is embedded once per run. */
  texts: string[];
  /** Texts no later window needs: their vectors can be let go once this window is written. */
  lastUses: string[];
}

export interface WindowPlanner {
  /** The windows so far, in order; the last one may still take writes. */
  readonly windows: readonly EmbedWindow[];
  /** How many of the first windows have all their texts: those can be embedded already. */
  readonly ready: number;
  add(write: PlannedWrite): void;
  /** No more writes: every window is ready, and each knows the texts it uses last. */
  finish(): EmbedWindow[];
}

/**
 * Splits the writes, as they come, into windows of at most `limit` new texts to embed (one
 * request each); a write whose text an earlier window embeds rides along and reuses that
 * vector. A window's texts are final once it has `limit` of them, before its writes are.
 */
export function windowPlanner(limit: number): WindowPlanner {
  const windows: EmbedWindow[] = [];
  const windowOfText = new Map<string, number>();
  const lastWindow = new Map<string, number>();
  let current: EmbedWindow | undefined;
  let ready = 0;
  const open = (): EmbedWindow => {
    current = { writes: [], texts: [], lastUses: [] };
    windows.push(current);
    return current;
  };
  return {
    windows,
    get ready() {
      return ready;
    },
    add(write) {
      const text = write.keyed.chunk.text;
      let window = current ?? open();
      if (!write.vector && !windowOfText.has(text)) {
        if (window.texts.length === limit) window = open();
        windowOfText.set(text, windows.length - 1);
        window.texts.push(text);
        if (window.texts.length === limit) ready = windows.length;
      }
      window.writes.push(write);
      if (!write.vector) lastWindow.set(text, windows.length - 1);
    },
    finish() {
      ready = windows.length;
      for (const [text, index] of lastWindow) windows[index]?.lastUses.push(text);
      lastWindow.clear();
      return windows;
    },
  };
}

/** All the windows of `writes` at once (see `windowPlanner`). */
export function planWindows(writes: readonly PlannedWrite[], limit: number): EmbedWindow[] {
  const planner = windowPlanner(limit);
  for (const write of writes) planner.add(write);
  return planner.finish();
}
