/**
 * Extracts a typed event from free text with a zod schema: OpenAI answers through its strict
 * JSON Schema output, Anthropic through a forced tool call, other servers in JSON mode.
 * Prints the validated object and the tokens used. `--stream` prints each partial object
 * as it arrives.
 *
 *   pnpm --filter @weft/examples structured-output
 *   pnpm --filter @weft/examples structured-output --stream
 *   pnpm --filter @weft/examples structured-output "Team lunch on Friday at noon at Luigi's"
 */
import { generateObject, streamObject } from '@weft/core';
import { z } from 'zod';
import { formatUsage } from '../shared/format-usage.js';
import { pickModel } from '../shared/pick-model.js';
import { reportError } from '../shared/report-error.js';

const eventSchema = z.object({
  title: z.string().describe('A short name for the event'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe('The day, as YYYY-MM-DD'),
  startTime: z.string().optional().describe('24-hour HH:MM, if the text gives one'),
  location: z.string().optional(),
  attendees: z.array(z.object({ name: z.string(), role: z.string().optional() })),
  topics: z.array(z.string()),
});

const defaultText = `Hi all, the quarterly planning review is on 2026-03-12 at 14:30 in room Ada on
the 3rd floor. Priya (facilitator) and Tom from finance will join us. We will go over the
hiring plan and the Q2 budget.`;

const args = process.argv.slice(2);
const stream = args.includes('--stream');
const text = args.filter((arg) => arg !== '--stream').join(' ') || defaultText;
const model = await pickModel();

const options = {
  model,
  schema: eventSchema,
  schemaName: 'event',
  schemaDescription: 'A calendar event described in the text',
  system: 'You extract calendar events from messages. Leave out what the text does not say.',
  prompt: text,
};

try {
  if (stream) {
    const result = streamObject(options);
    for await (const partial of result.partialObjectStream) {
      console.log(`partial: ${JSON.stringify(partial)}`);
    }
    const event = await result.object; // validated by the schema
    console.log(JSON.stringify(event, null, 2));
    console.log();
    console.log(formatUsage(await result.usage));
  } else {
    const { object: event, usage, repaired } = await generateObject(options);
    // `event` is typed from the schema: event.attendees[0]?.name is a string.
    console.log(JSON.stringify(event, null, 2));
    console.log();
    if (repaired)
      console.log('(the first answer did not match the schema; one repair round fixed it)');
    console.log(`${event.attendees.length} attendees, ${event.topics.length} topics`);
    console.log(formatUsage(usage));
  }
} catch (error) {
  reportError(error);
}
