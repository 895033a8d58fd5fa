// The smallest real app that streams a reply through Weft's OpenAI provider. bundle-size.ts
// bundles it (never runs it) to measure what shipping it costs.
import { streamText } from '@weft/core';
import { createOpenAI } from '@weft/core/openai';

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
const result = streamText({
  model: openai.chat('gpt-4.1-nano'),
  prompt: 'Explain neural networks.',
});
for await (const delta of result.textStream) process.stdout.write(delta);
console.log(await result.usage);
