// The demo's vendor paths (docs/demo/backends.ts, what `npm start` mounts at /relay/<vendor>) serve
// the same book the embedded default shows: every account and every deal, nothing quarantined,
// whichever vendor fake sits behind the relay. Read here exactly as the page reads them: the rest
// adapter against the relay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listAll, Store, type Book, type Rejected } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { createRestSource } from '@kamkit/adapters/rest';
import { startDemoBackends, vendors, type DemoBackends } from '../../docs/demo/backends.js';

const book = generateSampleBook({ seed: 1 });
let backends: DemoBackends;
let server: Server;
let base = '';

beforeAll(async () => {
  backends = await startDemoBackends({ allowOrigins: [] });
  server = createServer((req, res) => {
    const vendor = /^\/relay\/([a-z]+)/.exec(req.url ?? '')?.[1] as keyof DemoBackends['relays'] | undefined;
    if (vendor && backends.relays[vendor]) backends.relays[vendor](req, res);
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await backends?.close();
});

describe('the demo backends serve the sample book through every vendor', () => {
  it.each(vendors)('%s: every account and deal of the book, none quarantined, owners named', async (vendor) => {
    // What the page loads, less the activities (20,000 records that no quirk was ever seen in).
    const source = createRestSource({ baseUrl: `${base}/relay/${vendor}`, pageSize: 1000 });
    const rejected: Rejected[] = [];
    const read = async <K extends 'accounts' | 'contacts' | 'opportunities' | 'users'>(kind: K) => {
      const items: Book[K][number][] = [];
      for await (const page of listAll(source, kind, { limit: 1000 })) { items.push(...page.items); rejected.push(...page.rejected); }
      return items;
    };
    const pipelines = await source.pipelines();
    const [accounts, contacts, opportunities] = [await read('accounts'), await read('contacts'), await read('opportunities')];
    const users = (await source.capabilities()).entities.includes('users') ? await read('users') : [];
    // The store places every deal in a stage of a loaded pipeline, and quarantines those it cannot.
    const store = Store.fromBook({ pipelines, accounts, contacts, opportunities, users });
    rejected.push(...store.rejected);
    expect(rejected.map((r) => `${r.entity} ${r.id}: ${r.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`).slice(0, 5)).toEqual([]);
    // Same names, tiers and hierarchy (parent by name) as the book.
    const shape = (list: readonly { name: string; tier?: string; parentId?: string }[], nameOf: (id: string) => string | undefined) =>
      list.map((a) => `${a.name} | ${a.tier ?? 'no tier'} | ${a.parentId ? nameOf(a.parentId) ?? `unknown ${a.parentId}` : 'top'}`).sort();
    expect(shape(store.all('accounts'), (id) => store.get('accounts', id)?.name))
      .toEqual(shape(book.accounts, (id) => book.accounts.find((a) => a.id === id)?.name));
    expect(store.count('contacts')).toBe(book.contacts.length);
    expect(store.count('opportunities')).toBe(book.opportunities.length);
    // Owners show as people, not ids: every owner is a user the vendor serves, with the book's name.
    const ownerNames = (list: readonly { ownerId?: string }[], find: (id: string) => { name: string } | undefined) =>
      [...new Set(list.map((r) => (r.ownerId ? find(r.ownerId)?.name ?? `unknown user ${r.ownerId}` : 'none')))].sort();
    const bookUser = (id: string) => book.users.find((u) => u.id === id);
    const vendorUser = (id: string) => store.get('users', id);
    expect(ownerNames(store.all('accounts'), vendorUser)).toEqual(ownerNames(book.accounts, bookUser));
    expect(ownerNames(store.all('opportunities'), vendorUser)).toEqual(ownerNames(book.opportunities, bookUser));
    // Deals keep their amounts; open ones stay open and closed ones closed, whatever the vendor's stages.
    const kindOf = (pipes: readonly { id: string; stages: readonly { id: string; kind?: string }[] }[], pipelineId: string, stageId: string) =>
      pipes.find((p) => p.id === pipelineId)?.stages.find((x) => x.id === stageId)?.kind ?? 'open';
    const summary = (list: readonly { name: string; amount: { amount: number }; pipelineId: string; stageId: string }[], pipes: readonly (typeof pipelines)[number][]) =>
      list.map((o) => `${o.name} ${o.amount.amount} ${kindOf(pipes, o.pipelineId, o.stageId)}`).sort();
    expect(summary(store.all('opportunities'), store.pipelines())).toEqual(summary(book.opportunities, book.pipelines));
  }, 60_000);
});
