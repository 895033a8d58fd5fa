/**
 * The README's demo (`pnpm demo`): streams an answer with the stream example.
 *
 * With a provider configured (OPENAI_API_KEY, ANTHROPIC_API_KEY, or WEFT_BASE_URL and
 * WEFT_MODEL), it asks that model. With none, it says what to set, then runs the same
 * example against a local server that streams a scripted reply in OpenAI's wire format,
 * so the command works on a fresh machine.
 */
import { createOpenAICompatible } from '@weft/core/openai-compatible';
import { offlineModelId, startOfflineServer } from './shared/offline-server.js';
import { pickModel, resolveProvider } from './shared/pick-model.js';
import { reportError } from './shared/report-error.js';
import { runStream } from './stream/run-stream.js';

const prompt = 'Explain neural networks in three sentences.';

function banner(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '='.repeat(width + 4);
  return [rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule].join('\n');
}

async function runOnline(): Promise<number> {
  const model = await pickModel();
  console.log(`Weft demo: streaming from ${model.provider}/${model.modelId}. Ctrl-C aborts.\n`);
  console.log(`> ${prompt}\n`);
  return runStream({ model, prompt });
}

async function runOffline(setupMessage: string): Promise<number> {
  const server = await startOfflineServer();
  try {
    console.log(
      banner([
        'OFFLINE DEMO: no model provider is configured, so the reply below is SCRIPTED.',
        `It streams from a local server at ${server.baseURL}`,
        "that speaks OpenAI's Chat Completions format. No model is involved.",
      ]),
    );
    console.log(`\n${setupMessage}\n`);
    console.log(`> ${prompt}\n`);
    const offline = createOpenAICompatible({ name: 'offline-demo', baseURL: server.baseURL });
    const code = await runStream({ model: offline.chat(offlineModelId), prompt });
    console.log('\n(That was the offline demo. Set a provider as shown above for a real model.)');
    return code;
  } finally {
    await server.close();
  }
}

const resolution = resolveProvider();
try {
  if (resolution.ok) {
    process.exitCode = await runOnline();
  } else {
    process.exitCode = await runOffline(resolution.message);
  }
} catch (error) {
  reportError(error);
}
