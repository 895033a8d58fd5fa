export { type DescribeVectorStoreOptions, describeVectorStore } from './describe-vector-store.js';
