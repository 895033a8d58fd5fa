/**
 * Streaming overhead. A local server (its own process) streams the same Chat Completions
 * SSE payload to every contender; each contender runs in its own process too, so that no
 * library's garbage or JIT state slows another. All of them must stream the same text,
 * equal to the expected one. After a warm-up, the contenders run in interleaved rounds
 * (one request at a time, the order rotating every round) and each one's median is
 * compared with (a), the raw fetch + line splitting floor.
 *
 *   pnpm --filter @weft/bench run bench:streaming [--runs 15] [--warmup 5] [--chunks 20000]
 *     [--write whole|events] [--only a,c,c:model] [--compare /path/to/other/dist]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildChatStreamPayload } from './lib/chat-stream-payload.js';
import { writeResults } from './lib/results.js';
import { startChatStreamServer } from './lib/sse-server.js';
import { round, type Summary, summarize } from './lib/stats.js';
import { contenders as allContenders, type ContenderInfo } from './lib/stream-contenders.js';
import type { WorkerReply, WorkerRequest } from './lib/stream-worker.js';
import { formatTable } from './lib/table.js';
import { describeWeftBuild, ensureWeftBuild, type WeftBuild } from './lib/weft-build.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    chunks: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '20000' },
    write: { type: 'string', default: 'whole' },
    /** Comma-separated keys (e.g. `a,c,c:model`): a quick look, not written to results/. */
    only: { type: 'string' },
    /**
     * Another @weft/core build (a folder with index.js and openai/index.js) to measure
     * beside the current one, as rows (c') and (c':model): before/after a change.
     */
    compare: { type: 'string' },
  },
});
const runs = Number(args.runs);
const warmupRounds = Number(args.warmup);
const contentChunks = Number(args.chunks);
const seed = Number(args.seed);
const writeMode = args.write === 'events' ? 'events' : 'whole';
const only = args.only?.split(',');

const streamingGoals = { weftOverRaw: 1.5, vercelOverWeft: 10 };

interface Worker {
  info: ContenderInfo;
  child: ChildProcess;
  /** Runs one timed request in the worker. */
  run(sendText: boolean): Promise<Extract<WorkerReply, { type: 'result' }>>;
}

/** `info.key` names the row; `runKey` says which contender the worker runs. */
async function startWorker(
  info: ContenderInfo,
  runKey: string,
  baseURL: string,
  weft: Pick<WeftBuild, 'coreUrl' | 'openaiUrl'>,
) {
  const entry = fileURLToPath(new URL('./lib/stream-worker.ts', import.meta.url));
  const child = fork(
    entry,
    [runKey, baseURL, weft.coreUrl, weft.openaiUrl, String(contentChunks), String(seed)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const next = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`(${info.key}) worker exited (${code}).`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as WorkerReply);
      });
    });
  const ready = await next();
  if (ready.type === 'failed') throw new Error(`(${info.key}) ${info.name}: ${ready.message}`);
  const worker: Worker = {
    info,
    child,
    async run(sendText) {
      const reply = next();
      child.send({ type: 'run', sendText } satisfies WorkerRequest);
      const message = await reply;
      if (message.type !== 'result') {
        throw new Error(
          `(${info.key}) ${info.name} failed: ${message.type === 'failed' ? message.message : message.type}`,
        );
      }
      if (!message.matches) {
        throw new Error(
          `(${info.key}) ${info.name} streamed a ${message.length}-character text that is not the expected one.`,
        );
      }
      return message;
    },
  };
  return worker;
}

async function main() {
  const weft = ensureWeftBuild();
  const payload = buildChatStreamPayload({ contentChunks, seed });
  const server = await startChatStreamServer({ contentChunks, seed, writeMode });
  const selected = only ? allContenders.filter((c) => only.includes(c.key)) : allContenders;
  if (!selected.some((contender) => contender.key === 'a')) {
    throw new Error('(a) is the baseline of every ratio: keep it in --only.');
  }
  const workers: Worker[] = [];
  try {
    if (server.bytes !== payload.body.length) throw new Error('The server built another payload.');
    for (const info of selected) {
      workers.push(await startWorker(info, info.key, server.baseURL, weft));
    }
    if (args.compare) {
      const other = describeWeftBuild(args.compare);
      for (const info of selected.filter((c) => c.key.startsWith('c'))) {
        const row = {
          key: info.key.replace(/^c/, "c'"),
          name: `${info.name}, build in ${args.compare}`,
          reference: true,
        };
        workers.push(await startWorker(row, info.key, server.baseURL, other));
      }
    }
    console.log(
      `Streaming ${contentChunks.toLocaleString('en-US')} content chunks ` +
        `(${payload.events.toLocaleString('en-US')} SSE events, ` +
        `${(payload.body.length / 2 ** 20).toFixed(2)} MiB, ` +
        `${writeMode === 'whole' ? 'written in one piece' : 'one write per event'}) from a ` +
        `server process to one process per contender; ${warmupRounds} warm-up + ${runs} ` +
        'measured rounds, median.',
    );

    // Every contender must stream exactly the expected text before anything is timed.
    const texts = new Set<string>();
    for (const worker of workers) texts.add((await worker.run(true)).text ?? '');
    if (texts.size !== 1 || !texts.has(payload.expectedText)) {
      throw new Error('The contenders streamed different texts.');
    }
    console.log(
      `Verified: all ${workers.length} contenders streamed the same ` +
        `${payload.expectedText.length.toLocaleString('en-US')}-character text, the expected one.`,
    );

    const samples = new Map<string, number[]>(workers.map((w) => [w.info.key, []]));
    const cpuSamples = new Map<string, number[]>(workers.map((w) => [w.info.key, []]));
    const loadBefore = loadavg()[0] ?? 0;
    for (let round = -warmupRounds; round < runs; round++) {
      const shift = (round + warmupRounds) % workers.length;
      for (const worker of [...workers.slice(shift), ...workers.slice(0, shift)]) {
        // Let the last run's process finish its cleanup before the next one starts.
        await new Promise((resolve) => setTimeout(resolve, 30));
        const { ms, cpuMs } = await worker.run(false);
        if (round >= 0) {
          samples.get(worker.info.key)?.push(ms);
          cpuSamples.get(worker.info.key)?.push(cpuMs);
        }
      }
    }

    const loadAfter = loadavg()[0] ?? 0;
    const summaries = new Map<string, Summary>(
      workers.map((w) => [w.info.key, summarize(samples.get(w.info.key) ?? [])]),
    );
    const cpuSummaries = new Map<string, Summary>(
      workers.map((w) => [w.info.key, summarize(cpuSamples.get(w.info.key) ?? [])]),
    );
    const medianOf = (key: string) => summaries.get(key)?.median ?? Number.NaN;
    const rawMedian = medianOf('a');
    const rawCpuMedian = cpuSummaries.get('a')?.median ?? Number.NaN;
    const rows = workers.map(({ info }) => {
      const summary = summaries.get(info.key) as Summary;
      const cpu = cpuSummaries.get(info.key) as Summary;
      return [
        `(${info.key}) ${info.name}`,
        summary.median.toFixed(1),
        `${summary.q1.toFixed(1)}-${summary.q3.toFixed(1)}`,
        ((summary.median * 1000) / contentChunks).toFixed(2),
        `${(summary.median / rawMedian).toFixed(2)}x`,
        cpu.median.toFixed(1),
        `${(cpu.median / rawCpuMedian).toFixed(2)}x`,
      ];
    });
    console.log();
    console.log(
      formatTable(
        ['contender', 'median ms', 'IQR ms', 'µs/chunk', 'vs (a)', 'CPU ms', 'CPU vs (a)'],
        rows,
      ),
    );
    console.log(
      `Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after` +
        (Math.max(loadBefore, loadAfter) > 1.5
          ? ': the machine was busy with other work, so wall times are noisy; CPU ms is the steadier measure.'
          : '.'),
    );

    const weftOverRaw = medianOf('c') / rawMedian;
    const weftOverOpenAI = medianOf('c') / medianOf('b');
    const vercelOverWeft = medianOf('d') / medianOf('c');
    const verdict = (value: number, ok: boolean) =>
      Number.isNaN(value) ? 'not measured' : ok ? 'met' : 'MISSED';
    console.log();
    console.log(
      `Goal: (c) within ${streamingGoals.weftOverRaw}x of (a): ${weftOverRaw.toFixed(2)}x, ` +
        verdict(weftOverRaw, weftOverRaw <= streamingGoals.weftOverRaw),
    );
    console.log(
      `Goal: (c) faster than (b): (c) takes ${weftOverOpenAI.toFixed(2)}x (b)'s time, ` +
        verdict(weftOverOpenAI, weftOverOpenAI < 1),
    );
    console.log(
      `Goal: (d) takes >= ${streamingGoals.vercelOverWeft}x (c)'s time: ${vercelOverWeft.toFixed(1)}x, ` +
        verdict(vercelOverWeft, vercelOverWeft >= streamingGoals.vercelOverWeft),
    );

    if (only) {
      console.log('\n--only: a partial run, not written to bench/results/.');
      return;
    }
    // A comparison with another build goes to its own file; the plain run keeps its own.
    const name = `streaming${writeMode === 'events' ? '-events' : ''}${args.compare ? '-compare' : ''}`;
    const file = writeResults(name, {
      settings: {
        contentChunks,
        sseEvents: payload.events,
        payloadBytes: payload.body.length,
        seed,
        writeMode,
        warmupRounds,
        runs,
        isolation: 'one process per contender; server in its own process',
        loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
        weftBuild: weft.isPackageDist ? 'packages/core/dist' : weft.dir,
        ...(args.compare ? { compareBuild: args.compare } : {}),
      },
      contenders: workers.map(({ info }) => {
        const summary = summaries.get(info.key) as Summary;
        const cpu = cpuSummaries.get(info.key) as Summary;
        return {
          key: info.key,
          name: info.name,
          reference: info.reference,
          medianMs: round(summary.median),
          q1Ms: round(summary.q1),
          q3Ms: round(summary.q3),
          minMs: round(summary.min),
          maxMs: round(summary.max),
          ratioToRaw: round(summary.median / rawMedian, 3),
          cpuMedianMs: round(cpu.median),
          cpuRatioToRaw: round(cpu.median / rawCpuMedian, 3),
          samplesMs: summary.samples.map((sample) => round(sample)),
          cpuSamplesMs: cpu.samples.map((sample) => round(sample)),
        };
      }),
      goals: {
        weftOverRaw: { goal: `<= ${streamingGoals.weftOverRaw}`, value: round(weftOverRaw, 3) },
        weftOverOpenAISdk: { goal: '< 1', value: round(weftOverOpenAI, 3) },
        vercelOverWeft: {
          goal: `>= ${streamingGoals.vercelOverWeft}`,
          value: round(vercelOverWeft, 2),
        },
      },
    });
    console.log(`\nWrote ${file}`);
  } finally {
    for (const worker of workers) if (worker.child.connected) worker.child.disconnect();
    await server.close();
  }
}

await main();
