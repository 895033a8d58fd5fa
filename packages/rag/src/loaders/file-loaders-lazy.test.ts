import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as root from '../index.js';
import * as node from '../node/index.js';

const folder = await mkdtemp(join(tmpdir(), 'weft-lazy-loaders-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("the root entry's loadFile and loadDirectory", () => {
  it('load the same documents as @weft/rag/node, and refuse the same bad input', async () => {
    await mkdir(join(folder, 'guide'));
    await writeFile(
      join(folder, 'guide', 'intro.md'),
      '---\ntitle: Intro\n---\n# Hello\n\nWorld.\n',
    );
    await writeFile(join(folder, 'notes.txt'), 'plain text');
    const path = join(folder, 'guide', 'intro.md');
    expect(await root.loadFile(path)).toEqual(await node.loadFile(path));
    const fromRoot = await root.loadDirectory(folder, { include: ['**/*.md'] });
    expect(fromRoot).toEqual(await node.loadDirectory(folder, { include: ['**/*.md'] }));
    expect(fromRoot.documents.map((document) => document.metadata.title)).toEqual(['Intro']);
    await expect(root.loadDirectory('')).rejects.toThrow(/non-empty root path/);
  });
});
