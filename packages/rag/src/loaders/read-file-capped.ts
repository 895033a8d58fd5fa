import { constants, type FileHandle, open } from 'node:fs/promises';

/** What reading a file gave: its bytes, or the size that put it over the cap. */
export type CappedRead = { bytes: Uint8Array } | { tooLarge: number };

/**
 * Reads at most `maxBytes` of a file (Node-only). The size is checked on the open handle, and
 * reading stops at the cap even if the file grows meanwhile, so a huge file is never read
 * whole. With `noFollow`, a file replaced by a symlink after it was checked fails to open.
 */
export async function readFileCapped(
  path: string,
  maxBytes: number,
  options: { noFollow?: boolean } = {},
): Promise<CappedRead> {
  // O_NOFOLLOW does not exist on Windows; there the earlier lstat check is what guards.
  const flags = constants.O_RDONLY | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, flags);
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${path} is not a regular file.`);
    if (stats.size > maxBytes) return { tooLarge: stats.size };
    const buffer = new Uint8Array(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { tooLarge: filled };
    return { bytes: buffer.subarray(0, filled) };
  } finally {
    await handle?.close();
  }
}
