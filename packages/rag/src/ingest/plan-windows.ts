import type { PlannedWrite } from './compare-with-store.js';

export interface EmbedWindow {
  writes: PlannedWrite[];
  /** Texts first needed in this window: each distinct text is embedded once per run. */
  texts: string[];
  /** Texts no later window needs: their vectors can be let go once this window is written. */
  lastUses: string[];
}

/**
 * Splits the writes into windows of at most `limit` new texts to embed (one request each);
 * a write whose text an earlier window embeds rides along and reuses that vector.
 */
export function planWindows(writes: readonly PlannedWrite[], limit: number): EmbedWindow[] {
  const windows: EmbedWindow[] = [];
  const windowOfText = new Map<string, number>();
  const lastWindow = new Map<string, number>();
  let current: EmbedWindow = { writes: [], texts: [], lastUses: [] };
  for (const write of writes) {
    const text = write.keyed.chunk.text;
    if (!write.vector && !windowOfText.has(text)) {
      if (current.texts.length === limit) {
        windows.push(current);
        current = { writes: [], texts: [], lastUses: [] };
      }
      windowOfText.set(text, windows.length);
      current.texts.push(text);
    }
    current.writes.push(write);
    if (!write.vector) lastWindow.set(text, windows.length);
  }
  if (current.writes.length > 0) windows.push(current);
  for (const [text, index] of lastWindow) windows[index]?.lastUses.push(text);
  return windows;
}
