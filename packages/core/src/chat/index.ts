export type { ChatMemory } from './chat-memory.js';
export type { ChatSnapshot } from './chat-snapshot.js';
export {
  type Chat,
  type ChatInput,
  type ChatTurnOptions,
  type CreateChatOptions,
  createChat,
  restoreChat,
} from './create-chat.js';
