export type * from './chat-model.js';
export type * from './embedding-model.js';
export type * from './messages.js';
export type * from './tools.js';
export type * from './usage.js';
