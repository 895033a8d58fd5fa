import { generateText } from '@weft/core';
import { isNoAnswerReply, noAnswerText } from './answer-prompt.js';
import { buildCitations } from './build-citations.js';
import { checkAnswerOptions, prepareAnswer } from './prepare-answer.js';
import type { AnswerOptions, AnswerResult } from './types.js';

/**
 * Answers a question from retrieved passages, with citations to exact spans of the sources.
 * When nothing relevant is retrieved, the model is not called and `noAnswer` is true.
 *
 * @example
 * const { text, citations } = await answer({ model, retriever, question: 'What is BM25?' });
 * for (const c of citations) console.log(c.passage, c.source, c.start, c.end, c.quote);
 */
export async function answer(options: AnswerOptions): Promise<AnswerResult> {
  const checked = checkAnswerOptions(options);
  const prepared = await prepareAnswer(checked);
  if (prepared.kind === 'nothing-found') {
    return {
      text: noAnswerText,
      citations: [],
      chunks: prepared.chunks,
      passages: [],
      usage: {},
      finishReason: 'stop',
      noAnswer: true,
      warnings: prepared.warnings,
    };
  }
  const response = await generateText({
    ...prepared.callOptions,
    model: options.model,
    system: prepared.system,
    prompt: prepared.prompt,
  });
  const { citations, warnings } = buildCitations(response.text, prepared.passages);
  return {
    text: response.text,
    citations,
    chunks: prepared.chunks,
    passages: prepared.passages,
    usage: response.usage,
    finishReason: response.finishReason,
    noAnswer: citations.length === 0 && isNoAnswerReply(response.text),
    warnings: [...prepared.warnings, ...warnings],
  };
}
