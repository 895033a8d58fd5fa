// Node only (node:fs): shipped from `@weft/core/node`, never from the edge-safe root.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CassetteStorage } from '../middleware/record-replay-middleware.js';

/** A cassette kept in a JSON file; writes go to a temporary file renamed over it. */
export function fileCassetteStorage(path: string): CassetteStorage {
  return {
    name: path,
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(dirname(path), { recursive: true });
      // A reader (or a crash) never sees half a file: rename replaces it in one step.
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, path);
    },
  };
}
