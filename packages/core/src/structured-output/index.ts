export { extractJson } from './extract-json.js';
export {
  type GenerateObjectOptions,
  type GenerateObjectResult,
  generateObject,
} from './generate-object.js';
export {
  NoObjectGeneratedError,
  type NoObjectGeneratedErrorOptions,
} from './no-object-generated-error.js';
export type { ObjectCallOptions, ObjectMode } from './object-request.js';
export type { InferObject, ObjectSchema, StandardIssue, StandardResult } from './object-schema.js';
export { PartialJsonParser, parsePartialJson } from './partial-json.js';
export {
  type DeepPartial,
  type StreamObjectOptions,
  type StreamObjectResult,
  streamObject,
} from './stream-object.js';
export { type StrictSchemaResult, toStrictJsonSchema } from './strict-json-schema.js';
