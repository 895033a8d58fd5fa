export * from './errors/index.js';
export * from './generate-text/index.js';
export { toolNamePattern, validateChatRequest } from './prompt/validate-request.js';
export type * from './types/index.js';
