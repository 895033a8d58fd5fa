export { createOpenAIStyleChatModel, type OpenAIStyleConfig } from './openai-chat-model.js';
