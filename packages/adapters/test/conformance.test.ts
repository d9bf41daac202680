// Every adapter passes the same exported conformance suite, over real HTTP against its fake.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import { createRestSource } from '../src/rest/index.js';
import { startRestFake } from '../src/fakes/index.js';

const api = { describe, it, expect: expect as never };

runConformance('rest', async (book) => {
  const fake = await startRestFake({ book, token: 'rest-conformance-token' });
  const source = createRestSource({ baseUrl: fake.url, token: 'rest-conformance-token', http: { backoff: { baseDelayMs: 5, maxDelayMs: 50 } } });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200 });
