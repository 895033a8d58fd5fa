import type {
  ChatModel,
  ChatStreamEvent,
  FinishReason,
  TextCallOptions,
  Tokenizer,
  Usage,
} from '@weft/core';
import type {
  Chunk,
  LengthFunction,
  MetadataFilter,
  Retriever,
  ScoredChunk,
} from '../types/index.js';

/** The request settings and call options passed through to the model (temperature, timeout...). */
export type AnswerCallOptions = Omit<
  TextCallOptions,
  'model' | 'system' | 'prompt' | 'messages' | 'tools' | 'toolChoice'
>;

/** What `answer` and `streamAnswer` take. */
export interface AnswerOptions extends AnswerCallOptions {
  model: ChatModel;
  retriever: Retriever;
  question: string;
  /** The most tokens the numbered passages may take in the prompt (default 3,000). */
  maxContextTokens?: number;
  /** How many chunks to retrieve (default 8). */
  topK?: number;
  /** Retrieved chunks scoring below this are ignored (scales differ between retrievers). */
  minScore?: number;
  filter?: MetadataFilter;
  /** Replaces the whole default system prompt (then the citation rules are yours to state). */
  system?: string;
  /** Extra rules appended to the default system prompt, e.g. "Answer in French." */
  instructions?: string;
  /**
   * How passages are measured against `maxContextTokens`. Default: the model's own tokenizer
   * for OpenAI models, `o200k_base` as an estimate for the others.
   */
  tokenizer?: Tokenizer | LengthFunction;
}

/** A numbered passage as the model saw it: the chunk, possibly cut short to fit the budget. */
export interface Passage {
  /** The number the model cites, from 1. */
  number: number;
  /** The chunk as sent: when `truncated`, its text and `end` are narrowed to the part kept. */
  chunk: Chunk;
  score: number;
  truncated: boolean;
  /** Its tokens in the prompt, header line included. */
  tokens: number;
}

/** Where a statement of the answer comes from, with the exact place in the source document. */
export interface Citation {
  /** The passage number the answer cites. */
  passage: number;
  chunkId: string;
  documentId: string;
  /** The document's source (path or URL), or its id when it has none. */
  source: string;
  /** UTF-16 offsets of `quote` in the document's text: `document.text.slice(start, end) === quote`. */
  start: number;
  end: number;
  /** A verbatim span of the cited passage: its sentence closest to what the answer says. */
  quote: string;
}

/** Something `answer` noticed but could carry on with. */
export interface AnswerWarning {
  type: 'unknown-citation' | 'passage-truncated' | 'passages-dropped';
  message: string;
}

/** What `answer` returns. */
export interface AnswerResult {
  text: string;
  /** The passages the answer cites, in order of first use. */
  citations: Citation[];
  /** What the retriever returned (after `minScore`), best first. */
  chunks: ScoredChunk[];
  /** What was sent to the model, numbered. */
  passages: Passage[];
  usage: Usage;
  finishReason: FinishReason;
  /** True when nothing relevant was found (the model was not called) or the model said it does not know. */
  noAnswer: boolean;
  warnings: AnswerWarning[];
}

/** The events of `streamAnswer`: the passages first, then the model's events, then the citations. */
export type AnswerStreamEvent =
  | { type: 'passages'; chunks: ScoredChunk[]; passages: Passage[] }
  | ChatStreamEvent
  | { type: 'citations'; citations: Citation[]; noAnswer: boolean; warnings: AnswerWarning[] };

/** A streaming answer. Iterate it for every event, or `textStream` for the text alone. */
export interface StreamAnswerResult extends AsyncIterable<AnswerStreamEvent> {
  readonly textStream: AsyncIterable<string>;
  readonly text: Promise<string>;
  readonly citations: Promise<Citation[]>;
  readonly chunks: Promise<ScoredChunk[]>;
  readonly passages: Promise<Passage[]>;
  /** Resolves even when the stream fails, with the usage known by then. */
  readonly usage: Promise<Usage>;
  readonly finishReason: Promise<FinishReason>;
  readonly noAnswer: Promise<boolean>;
  readonly warnings: Promise<AnswerWarning[]>;
}
