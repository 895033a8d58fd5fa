import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * An msw server for one test file: unhandled requests fail the test, handlers reset after
 * each test. Add handlers with `server.use(...)`.
 */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Records the JSON bodies of requests a handler received. */
export function recordBodies() {
  const bodies: Array<Record<string, unknown>> = [];
  const headers: Headers[] = [];
  return {
    bodies,
    headers,
    async record(request: Request) {
      headers.push(request.headers);
      bodies.push((await request.clone().json()) as Record<string, unknown>);
    },
  };
}
