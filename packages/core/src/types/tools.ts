/** A JSON Schema object (draft 2020-12 or draft-07, as the provider accepts). */
export type JSONSchema = { [key: string]: unknown };

/**
 * Anything that can describe a tool's input: a JSON Schema object, or a schema object that
 * converts itself to JSON Schema: zod 4 (>= 4.2) and any other library implementing the
 * Standard JSON Schema interface (`~standard.jsonSchema`). Weft never imports zod itself.
 */
export type ToolInputSchema = JSONSchema | StandardJSONSchemaLike;

/** The part of the Standard JSON Schema interface (zod 4, arktype, valibot) Weft relies on. */
export interface StandardJSONSchemaLike {
  readonly '~standard': {
    readonly vendor: string;
    readonly jsonSchema?: { input(options: { target: string }): unknown };
  };
}

/** A tool the model may call. */
export interface ToolDefinition {
  /** Must match `^[a-zA-Z0-9_-]{1,64}$` (the strictest rule among providers). */
  name: string;
  description?: string;
  inputSchema: ToolInputSchema;
}

/** A tool as models receive it: the schema is always JSON Schema. */
export interface ChatTool {
  name: string;
  description?: string;
  inputSchema: JSONSchema;
}

/** Which tool the model may or must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };

/** A tool call in a response. */
export interface ToolCall {
  toolCallId: string;
  toolName: string;
  /** The parsed arguments; `{}` for a tool called without arguments. */
  input: unknown;
  /** The arguments exactly as the model sent them. */
  inputText: string;
  /** Set when `inputText` was not valid JSON; `input` is then `undefined`. */
  inputError?: string;
}
