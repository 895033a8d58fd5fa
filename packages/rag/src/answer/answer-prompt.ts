/** What `answer` says, without calling the model, when retrieval found nothing relevant. */
export const noAnswerText = "I don't know: nothing relevant was found in the documents.";

/** The reply the model is asked to give when the passages do not hold the answer. */
export const modelNoAnswerText = "I don't know.";

/** The default system prompt: answer only from the passages, cite them, admit ignorance. */
export function answerSystemPrompt(instructions?: string): string {
  const rules = [
    'You answer questions using only the numbered passages the user gives you.',
    'Cite the passages each statement relies on with their numbers in square brackets, e.g. [1] or [2][3], right after the statement.',
    'Do not use knowledge from outside the passages, and do not cite a number that is not in the list.',
    `If the passages do not contain the answer, reply exactly: ${modelNoAnswerText}`,
  ];
  if (instructions?.trim()) rules.push(instructions.trim());
  return rules.join('\n');
}

/** The user message: the passages, then the question. */
export function answerUserPrompt(context: string, question: string): string {
  return `Passages:\n\n${context}\n\nQuestion: ${question.trim()}`;
}

/** True when the model's reply is the "I don't know" it was told to give. */
export function isNoAnswerReply(text: string): boolean {
  return /^\s*i\s+don['’]t\s+know\b/i.test(text);
}
