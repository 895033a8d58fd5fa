import { describeVectorStore } from '@weft/rag/testing';
import { MapVectorStore } from './map-vector-store.js';

// The same conformance suite the in-memory and pgvector stores run.
describeVectorStore('MapVectorStore', () => new MapVectorStore({ dimensions: 16 }));
