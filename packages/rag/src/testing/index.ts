// The conformance suite for vector-store adapters (describeVectorStore) lands here.
export {};
