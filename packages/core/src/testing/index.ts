export {
  type MockCall,
  type MockChatModel,
  type MockChatModelOptions,
  type MockReply,
  mockChatModel,
} from './mock-chat-model.js';
export {
  hashEmbedding,
  type MockEmbeddingCall,
  type MockEmbeddingModel,
  type MockEmbeddingModelOptions,
  mockEmbeddingModel,
} from './mock-embedding-model.js';
export {
  collectEvents,
  streamFromEvents,
  type TextStreamScript,
  textStreamEvents,
} from './stream-helpers.js';
