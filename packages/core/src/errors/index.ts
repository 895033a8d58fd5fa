export {
  AbortError,
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitError,
  TimeoutError,
  ToolError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
export { WeftError, type WeftErrorOptions } from './weft-error.js';
