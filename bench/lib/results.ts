import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `bench/` folder, wherever the script is started from. */
export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoDir = dirname(benchDir);
export const resultsDir = join(benchDir, 'results');

export interface MachineInfo {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** The commit the numbers belong to, with `-dirty` when packages/ has uncommitted changes. */
export function gitRevision(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd: repoDir,
    })
      .toString()
      .trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

/** Writes `bench/results/<name>.json` with the machine and the commit beside the numbers. */
export function writeResults(name: string, data: object): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  const document = {
    benchmark: name,
    date: new Date().toISOString(),
    revision: gitRevision(),
    machine: machineInfo(),
    ...data,
  };
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

export function readResults(name: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(resultsDir, `${name}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}
