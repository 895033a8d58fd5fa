/** A piece of text in a message. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** An image given by URL (https: or a data: URL). */
export interface ImageUrlPart {
  type: 'image';
  url: string;
  mediaType?: string;
}

/** An image given as base64-encoded bytes. */
export interface ImageDataPart {
  type: 'image';
  base64: string;
  /** e.g. `image/png`, `image/jpeg`. */
  mediaType: string;
}

export type ImagePart = ImageUrlPart | ImageDataPart;

/** The model's reasoning ("thinking") text, when a provider returns it. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Provider-specific signature that must be sent back unchanged (Anthropic thinking). */
  signature?: string;
}

/** A call the model asked for. `input` is the parsed arguments object. */
export interface ToolCallPart {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** The result of running a tool, sent back to the model in a `tool` message. */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  /** Any JSON value; strings are sent as they are, other values as JSON. */
  output: unknown;
  isError?: boolean;
}

export interface SystemMessage {
  role: 'system';
  content: string;
}

export interface UserMessage {
  role: 'user';
  content: string | Array<TextPart | ImagePart>;
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content: string | Array<TextPart | ReasoningPart | ToolCallPart>;
  name?: string;
}

export interface ToolMessage {
  role: 'tool';
  content: ToolResultPart[];
}

/** One message of a conversation, in Weft's provider-neutral format. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export type MessageRole = Message['role'];
