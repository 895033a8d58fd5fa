import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ValidationError } from '@weft/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, loadDirectory } from './load-directory.js';
import { parseText } from './parse-text.js';

let base = '';
let root = '';
const secret = 'TOP SECRET outside the root';

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'weft-load-dir-')));
  root = join(base, 'root');
  await write(join(base, 'outside', 'secret.md'), secret);
  await write(join(root, 'docs', 'a.md'), '# A\n\nalpha');
  await write(join(root, 'docs', 'b.txt'), 'beta');
  await write(join(root, 'docs', 'deep', 'c.html'), '<title>C</title><p>gamma</p>');
  await write(join(root, 'docs-z.md'), 'zeta');
  await write(join(root, 'big.txt'), 'x'.repeat(5000));
  await write(join(root, 'image.png'), 'not text');
  await write(join(root, 'bad.jsonl'), '{"ok":1}\n{oops}\n');
  await write(join(root, 'node_modules', 'dep', 'readme.md'), 'dependency');
  await symlink(join(root, 'docs', 'a.md'), join(root, 'link-inside.md'));
  await symlink('../outside/secret.md', join(root, 'link-outside.md'));
  await symlink(join(base, 'outside'), join(root, 'linkdir-outside'));
  await symlink('.', join(root, 'docs', 'loop'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('loadDirectory', () => {
  it('loads matching files in path order and reports what it skipped, without following symlinks', async () => {
    const { documents, skipped } = await loadDirectory(root, { maxFileBytes: 1000 });
    // Code-unit order: '-' (0x2d) sorts before '/' (0x2f).
    expect(documents.map((doc) => doc.id)).toEqual([
      'docs-z.md',
      'docs/a.md',
      'docs/b.txt',
      'docs/deep/c.html',
    ]);
    expect(skipped.map(({ path, reason }) => [path, reason])).toEqual([
      ['bad.jsonl', 'error'],
      ['big.txt', 'too-large'],
      ['link-inside.md', 'symlink'],
      ['link-outside.md', 'symlink'],
    ]);
    expect(skipped[0]?.message).toMatch(/line 2/);
    expect(documents[1]?.metadata).toMatchObject({ source: 'docs/a.md', title: 'A' });
  });

  it('follows symlinks inside the root only, and never loops', async () => {
    const { documents, skipped } = await loadDirectory(root, {
      followSymlinks: true,
      maxFileBytes: 1000,
    });
    const ids = documents.map((doc) => doc.id);
    expect(ids).toContain('link-inside.md');
    expect(documents.filter((doc) => doc.text.includes('alpha')).map((doc) => doc.id)).toEqual([
      'docs/a.md',
      'link-inside.md',
    ]);
    expect(documents.some((doc) => doc.text.includes(secret))).toBe(false);
    expect(skipped).toContainEqual(
      expect.objectContaining({ path: 'docs/loop', reason: 'symlink' }),
    );
    expect(ids.some((id) => id.startsWith('docs/loop/'))).toBe(false);
    expect(
      skipped.filter((item) => item.reason === 'outside-root').map((item) => item.path),
    ).toEqual(['link-outside.md', 'linkdir-outside']);
  });

  it('applies include, exclude, maxFiles and custom loaders', async () => {
    const result = await loadDirectory(root, {
      include: ['docs/**/*.{md,txt,html}', '*.png'],
      exclude: ['docs/deep/**'],
      maxFiles: 2,
      loaders: { '.png': parseText },
    });
    expect(result.documents.map((doc) => doc.id)).toEqual(['docs/a.md', 'docs/b.txt']);
    expect(result.skipped).toEqual([
      { path: 'image.png', reason: 'max-files', message: 'Over maxFiles (2).' },
    ]);
  });

  it('refuses globs that try to leave the root, and a root that is not a directory', async () => {
    await expect(loadDirectory(root, { include: ['../outside/*.md'] })).rejects.toThrow(
      ValidationError,
    );
    await expect(loadDirectory(root, { include: ['/etc/passwd'] })).rejects.toThrow(
      ValidationError,
    );
    await expect(loadDirectory(join(root, 'docs', 'a.md'))).rejects.toThrow(
      /not a readable directory/,
    );
    await expect(loadDirectory(root, { maxFiles: -1 })).rejects.toThrow(/maxFiles/);
  });

  it('gives the same result twice (deterministic order)', async () => {
    const first = await loadDirectory(root, { followSymlinks: true, concurrency: 1 });
    const second = await loadDirectory(root, { followSymlinks: true, concurrency: 5 });
    expect(second).toEqual(first);
  });

  it('never returns a file outside the root, whatever symlinks and globs it meets', async () => {
    const segment = fc.constantFrom('..', '.', 'a', 'b', 'outside', 'secret.md', 'root');
    const relativePath = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('/'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a/b', '.'), relativePath), { maxLength: 6 }),
        fc.array(
          relativePath.map((path) => `${path}/*.md`),
          { maxLength: 2 },
        ),
        fc.boolean(),
        async (links, globs, followSymlinks) => {
          const tree = join(base, `prop-${run++}`);
          await write(join(tree, 'outside', 'secret.md'), secret);
          const treeRoot = join(tree, 'root');
          await write(join(treeRoot, 'a', 'inside.md'), 'inside a');
          await write(join(treeRoot, 'b', 'inside.md'), 'inside b');
          for (const [index, [from, target]] of links.entries()) {
            await symlink(target, join(treeRoot, from, `link${index}.md`)).catch(() => undefined);
            await symlink(target, join(treeRoot, from, `dir${index}`)).catch(() => undefined);
          }
          const include = globs.length > 0 ? globs : undefined;
          let result: Awaited<ReturnType<typeof loadDirectory>>;
          try {
            result = await loadDirectory(treeRoot, { include, followSymlinks });
          } catch (error) {
            // Only globs with `..` (or an absolute start) may be refused, and only up front.
            expect(error).toBeInstanceOf(ValidationError);
            expect(globs.some((glob) => glob.split('/').includes('..'))).toBe(true);
            return;
          }
          for (const doc of result.documents) {
            expect(doc.text).not.toContain(secret);
            const real = await realpath(join(treeRoot, doc.id));
            expect(isInside(await realpath(treeRoot), real)).toBe(true);
          }
          if (!followSymlinks) {
            expect(result.documents.every((doc) => /^(a|b)\/inside\.md$/.test(doc.id))).toBe(true);
          }
          await rm(tree, { recursive: true, force: true });
        },
      ),
      { numRuns: 40 },
    );
  });
});
