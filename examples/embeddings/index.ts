/**
 * Embeds a few sentences in one call and prints how similar each pair is (cosine
 * similarity: 1 means the same direction, 0 unrelated), most similar first.
 *
 *   pnpm --filter @weft/examples embeddings
 *   pnpm --filter @weft/examples embeddings "first sentence" "second sentence" ...
 */
import { cosineSimilarity, embedMany } from '@weft/core';
import { reportError } from '../shared/report-error.js';
import { pickEmbeddingModel } from './pick-embedding-model.js';

const sentences = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      'The cat sits on the mat.',
      'A kitten is resting on a rug.',
      'Stock markets fell sharply today.',
      'Shares dropped across the exchange this afternoon.',
    ];

const model = await pickEmbeddingModel();

try {
  const { embeddings, usage } = await embedMany({ model, values: sentences });
  const pairs: Array<{ a: number; b: number; similarity: number }> = [];
  for (let a = 0; a < sentences.length; a++) {
    for (let b = a + 1; b < sentences.length; b++) {
      pairs.push({ a, b, similarity: cosineSimilarity(embeddings[a]!, embeddings[b]!) });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity);
  console.log(`${sentences.length} sentences, ${embeddings[0]?.length} dimensions each.\n`);
  for (const { a, b, similarity } of pairs) {
    console.log(`${similarity.toFixed(3)}  "${sentences[a]}"  <->  "${sentences[b]}"`);
  }
  if (usage.inputTokens !== undefined) console.log(`\nUsage: ${usage.inputTokens} input tokens`);
} catch (error) {
  reportError(error);
}
