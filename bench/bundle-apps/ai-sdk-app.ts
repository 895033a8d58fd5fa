// The same app on the Vercel AI SDK: `ai` + `@ai-sdk/openai`. bundle-size.ts bundles it
// (never runs it) to measure what shipping it costs.
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
const result = streamText({
  model: openai.chat('gpt-4.1-nano'),
  prompt: 'Explain neural networks.',
});
for await (const delta of result.textStream) process.stdout.write(delta);
console.log(await result.usage);
