import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AbortError, ValidationError } from '@weft/core';
import type { Document } from '../types/index.js';
import { compileGlob, matchesAny } from './glob.js';
import { defaultMaxFileBytes } from './load-file.js';
import { defaultParsers, parserForPath } from './parsers-by-format.js';
import { readFileCapped } from './read-file-capped.js';
import type { DocumentParser } from './types.js';

export interface LoadDirectoryOptions {
  /** Globs of files to load, relative to the root (default: every extension with a loader). */
  include?: string[];
  /** Globs to leave out; a directory matching one is not entered (default: node_modules, .git). */
  exclude?: string[];
  /** Files larger than this are skipped without being read (default 50 MB). */
  maxFileBytes?: number;
  /** Load at most this many files, the first ones in path order; the rest are reported. */
  maxFiles?: number;
  /** Follow symlinks that stay inside the root (default false: every symlink is skipped). */
  followSymlinks?: boolean;
  /** Parsers by extension (`{ '.rst': parseText }`), consulted before the defaults. */
  loaders?: Readonly<Record<string, DocumentParser>>;
  /** Files read and parsed at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Why a file was not loaded. */
export type SkipReason =
  | 'symlink'
  | 'outside-root'
  | 'too-large'
  | 'max-files'
  | 'no-loader'
  | 'not-a-file'
  | 'error';

export interface SkippedFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  reason: SkipReason;
  message: string;
}

export interface LoadDirectoryResult {
  /** In path order, so that two loads of the same tree give the same list. */
  documents: Document[];
  /** Everything found but not loaded, in path order, with the reason. */
  skipped: SkippedFile[];
}

interface Candidate {
  path: string;
  absolute: string;
}

const defaultExclude = ['**/node_modules/**', '**/.git/**'];

/**
 * Loads every matching file under `root` (Node-only). Nothing outside the root is ever read:
 * globs cannot contain `..`, symlinks are skipped (or, with `followSymlinks`, followed only
 * when their real target is inside the root), and each file's real path is checked again
 * just before it is opened. Files that are skipped or fail to parse are reported in
 * `skipped` instead of failing the whole load.
 *
 * @example const { documents, skipped } = await loadDirectory('docs', { include: ['**\/*.md'] });
 */
export async function loadDirectory(
  root: string,
  options: LoadDirectoryOptions = {},
): Promise<LoadDirectoryResult> {
  if (typeof root !== 'string' || root === '') {
    throw new ValidationError('loadDirectory needs a non-empty root path.');
  }
  const maxFileBytes = checkCount('maxFileBytes', options.maxFileBytes, defaultMaxFileBytes);
  const maxFiles = checkCount('maxFiles', options.maxFiles, Number.POSITIVE_INFINITY);
  const concurrency = Math.max(1, Math.floor(checkCount('concurrency', options.concurrency, 8)));
  const loaders = options.loaders ?? {};
  const extensions = [...new Set([...Object.keys(defaultParsers), ...Object.keys(loaders)])];
  const include = (options.include ?? [`**/*{${extensions.join(',')}}`]).map(compileGlob);
  const exclude = (options.exclude ?? defaultExclude).map(compileGlob);

  let rootReal: string;
  try {
    rootReal = await realpath(resolve(root));
    if (!(await stat(rootReal)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new ValidationError(`loadDirectory: ${root} is not a readable directory.`, {
      cause: error,
    });
  }

  const skipped: SkippedFile[] = [];
  const candidates: Candidate[] = [];
  // Each directory carries the real paths above it, so a symlink back up the tree is a cycle.
  const pending: Array<{ absolute: string; path: string; ancestors: string[] }> = [
    { absolute: rootReal, path: '', ancestors: [] },
  ];
  while (pending.length > 0) {
    throwIfAborted(options.signal);
    const directory = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(directory.absolute, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: directory.path, reason: 'error', message: (error as Error).message });
      continue;
    }
    for (const entry of entries) {
      const path = directory.path ? `${directory.path}/${entry.name}` : entry.name;
      const absolute = join(directory.absolute, entry.name);
      let isDirectory = entry.isDirectory();
      let target = absolute;
      if (entry.isSymbolicLink()) {
        if (!options.followSymlinks) {
          if (wanted(path, include, exclude)) {
            skipped.push({
              path,
              reason: 'symlink',
              message: 'Symlinks are not followed (followSymlinks is off).',
            });
          }
          continue;
        }
        try {
          target = await realpath(absolute);
          isDirectory = (await stat(target)).isDirectory();
        } catch (error) {
          skipped.push({
            path,
            reason: 'error',
            message: `Broken symlink: ${(error as Error).message}`,
          });
          continue;
        }
        if (!isInside(rootReal, target)) {
          skipped.push({
            path,
            reason: 'outside-root',
            message: 'The symlink points outside the root.',
          });
          continue;
        }
      }
      if (isDirectory) {
        if (matchesAny(`${path}/`, exclude)) continue;
        const ancestors = [...directory.ancestors, directory.absolute];
        if (ancestors.includes(target)) {
          skipped.push({
            path,
            reason: 'symlink',
            message: 'The symlink points to a directory above it (a cycle).',
          });
          continue;
        }
        pending.push({ absolute: target, path, ancestors });
      } else if (wanted(path, include, exclude)) {
        if (entry.isFile() || entry.isSymbolicLink()) candidates.push({ path, absolute: target });
        else skipped.push({ path, reason: 'not-a-file', message: 'Not a regular file.' });
      }
    }
  }

  candidates.sort((a, b) => compareCodeUnits(a.path, b.path));
  for (const candidate of candidates.slice(maxFiles)) {
    skipped.push({
      path: candidate.path,
      reason: 'max-files',
      message: `Over maxFiles (${maxFiles}).`,
    });
  }
  const chosen = candidates.slice(0, maxFiles);
  const results: Document[][] = new Array(chosen.length);
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const index = next++;
      throwIfAborted(options.signal);
      results[index] = await loadCandidate(
        chosen[index]!,
        rootReal,
        maxFileBytes,
        loaders,
        skipped,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chosen.length) }, worker));
  skipped.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { documents: results.flat(), skipped };
}

async function loadCandidate(
  candidate: Candidate,
  rootReal: string,
  maxFileBytes: number,
  loaders: Readonly<Record<string, DocumentParser>>,
  skipped: SkippedFile[],
): Promise<Document[]> {
  const { path } = candidate;
  const parser = parserForPath(path, loaders);
  if (!parser) {
    skipped.push({ path, reason: 'no-loader', message: 'No loader for this extension.' });
    return [];
  }
  try {
    // Checked again here: the tree may have changed since it was listed.
    const real = await realpath(candidate.absolute);
    if (!isInside(rootReal, real)) {
      skipped.push({
        path,
        reason: 'outside-root',
        message: 'The file now resolves outside the root.',
      });
      return [];
    }
    const read = await readFileCapped(real, maxFileBytes, { noFollow: true });
    if ('tooLarge' in read) {
      skipped.push({
        path,
        reason: 'too-large',
        message: `${read.tooLarge} bytes, over maxFileBytes (${maxFileBytes}).`,
      });
      return [];
    }
    return await parser(read.bytes, { id: path, source: path });
  } catch (error) {
    skipped.push({ path, reason: 'error', message: (error as Error).message });
    return [];
  }
}

function wanted(path: string, include: RegExp[], exclude: RegExp[]): boolean {
  return matchesAny(path, include) && !matchesAny(path, exclude);
}

/** True when `target` is `root` itself or below it (both real, absolute paths). */
export function isInside(root: string, target: string): boolean {
  const path = relative(root, target);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ValidationError(`${name} must be a non-negative number, got ${String(value)}.`);
  }
  return value;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('loadDirectory was aborted.', { cause: signal.reason });
}
