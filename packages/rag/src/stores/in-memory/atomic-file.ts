/**
 * Atomic file replacement for the persistence helpers. Node-only (node:fs): kept apart from
 * the store so that the store itself stays edge-safe.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A fresh temporary path in the same folder as `path` (so a rename over `path` is atomic). */
export function temporaryPathBeside(path: string, suffix = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/** Deletes `path` if it exists; other failures are ignored too, as for any cleanup. */
export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/**
 * Replaces `path` atomically: `write` fills a temporary file in the same folder, which is
 * flushed to disk and renamed over `path`, so a crash leaves the old file or the new one.
 */
export async function writeFileAtomically(
  path: string,
  write: (file: FileHandle) => Promise<void>,
): Promise<void> {
  const temporary = temporaryPathBeside(path);
  const file = await open(temporary, 'w', 0o644);
  try {
    await write(file);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await removeQuietly(temporary);
    throw error;
  }
  await file.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await removeQuietly(temporary);
    throw error;
  }
  // Make the rename itself durable; not every platform lets a directory be opened.
  const folder = await open(dirname(path), 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}
