import { ValidationError } from '@weft/core';

/**
 * Compiles a glob over `/`-separated relative paths: `**` (any depth, including none), `*`
 * and `?` (within one segment), `[abc]`, `{a,b}`. Absolute patterns and `..` segments are
 * refused, because a pattern must never reach outside the loader's root.
 */
export function compileGlob(pattern: string): RegExp {
  if (typeof pattern !== 'string' || pattern === '') {
    throw new ValidationError('A glob must be a non-empty string.');
  }
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) {
    throw new ValidationError(
      `Glob ${JSON.stringify(pattern)} is absolute; globs are relative to the root.`,
    );
  }
  if (normalized.split('/').includes('..')) {
    throw new ValidationError(
      `Glob ${JSON.stringify(pattern)} contains "..": globs cannot leave the root.`,
    );
  }
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index]!;
    if (char === '*') {
      if (normalized[index + 1] === '*') {
        const atSegmentStart = index === 0 || normalized[index - 1] === '/';
        const next = normalized[index + 2];
        index++;
        if (atSegmentStart && next === '/') {
          source += '(?:[^/]*/)*';
          index++;
        } else if (atSegmentStart && next === undefined) source += '.*';
        else source += '[^/]*';
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = normalized.indexOf(']', index + 2);
      if (close === -1) source += '\\[';
      else {
        let set = normalized.slice(index + 1, close).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        index = close;
      }
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) source += '|';
    else source += char.replace(/[.+^$()|\\]/g, '\\$&').replace(/[{}]/g, '\\$&');
  }
  if (braceDepth > 0) {
    throw new ValidationError(`Glob ${JSON.stringify(pattern)} has an unclosed "{".`);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** True when `path` matches any of the compiled globs. */
export function matchesAny(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((glob) => glob.test(path));
}
