/**
 * A multi-turn chat in the terminal. The whole conversation is kept as Weft `Message[]`
 * and sent with every turn, so the model remembers what was said. Type `exit` or `quit`
 * (or press Ctrl-D) to leave.
 *
 *   pnpm --filter @weft/examples chat-repl
 */
import { createInterface } from 'node:readline';
import { generateText, type Message } from '@weft/core';
import { pickModel } from '../shared/pick-model.js';
import { formatError } from '../shared/report-error.js';

const model = await pickModel();
const history: Message[] = [{ role: 'system', content: 'You are a helpful AI assistant.' }];

const rl = createInterface({ input: process.stdin, output: process.stdout });
let inputClosed = false;
rl.on('close', () => {
  inputClosed = true;
});

console.log('Chat with the model. Type "exit" or "quit" to leave.');
rl.setPrompt('You: ');
rl.prompt();

// Lines typed while a reply is on its way wait their turn: the iterator buffers them.
for await (const line of rl) {
  const input = line.trim();
  if (input.toLowerCase() === 'exit' || input.toLowerCase() === 'quit') break;
  if (input !== '') {
    history.push({ role: 'user', content: input });
    try {
      const { text } = await generateText({ model, messages: history });
      history.push({ role: 'assistant', content: text });
      console.log(`AI: ${text}`);
    } catch (error) {
      // The turn failed: forget the question, so the history stays a valid conversation.
      history.pop();
      console.error(formatError(error));
    }
  }
  if (!inputClosed) rl.prompt();
}

rl.close();
console.log('\nBye.');
