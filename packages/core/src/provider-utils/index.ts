/**
 * `@weft/core/provider-utils`: the pieces Weft's own providers are built from, for writing a
 * provider (or any client of an HTTP model API) that behaves like them: one call context for
 * the caller's signal and timeout, a POST that turns every failure into Weft's typed errors
 * with no secret in any message, retries with backoff that honour `retry-after`, Server-Sent
 * Events in batches, and small checks for untrusted JSON. Edge-safe: `fetch`, `TextDecoder`
 * and timers only.
 *
 * @example
 * const context = createCallContext({ signal, timeout: 30_000 });
 * try {
 *   const json = await withRetries(
 *     async () => readJsonResponse(config, await postOnce(config, { url, headers, body, context }), context),
 *     { context },
 *   );
 * } finally {
 *   context.dispose();
 * }
 */
export { type CallContext, createCallContext, sleep } from './call-context.js';
export { readEnv, trimTrailingSlash } from './env.js';
export {
  errorFromResponse,
  invalidResponseError,
  type ParsedErrorBody,
  type PostOptions,
  type ProviderHttpConfig,
  postOnce,
  readJsonResponse,
  requestIdFrom,
} from './http.js';
export { isRecord, numberField, recordField, stringField, tryParseJson } from './parse-json.js';
export { credentialHeaderValues, redactSecrets, redactUrl } from './redact.js';
export {
  isRetryableStatus,
  parseRetryAfter,
  retryDefaults,
  retryDelayFor,
  withRetries,
} from './retry.js';
export { readServerSentEvents } from './sse.js';
