export { answer } from './answer.js';
export { answerSystemPrompt, modelNoAnswerText, noAnswerText } from './answer-prompt.js';
export { type CitationMarker, findCitationMarkers } from './citation-markers.js';
export { type PackedPassages, type PackPassagesOptions, packPassages } from './pack-passages.js';
export { streamAnswer } from './stream-answer.js';
export type {
  AnswerCallOptions,
  AnswerOptions,
  AnswerResult,
  AnswerStreamEvent,
  AnswerWarning,
  Citation,
  Passage,
  StreamAnswerResult,
} from './types.js';
