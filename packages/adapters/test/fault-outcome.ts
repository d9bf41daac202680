// What every adapter's full sync under faults must show: the same assertions for each vendor.
import { expect } from 'vitest';
import type { Account, Rejected, Store } from '@kamkit/core';
import type { SyncReport } from '@kamkit/core/sync';

/**
 * Checks a faulty sync of `total` accounts: 3–7 % corrupted by the fake, nothing lost, nothing
 * duplicated, every bad record reported by id with its `name` issue, good ones carrying seeded data.
 */
export function expectFaultSyncOutcome(opts: { store: Store; report: SyncReport; bad: string[]; total: number; seeded: readonly Account[] }): { loaded: readonly Account[]; rejected: Rejected[] } {
  const { store, report, bad, total, seeded } = opts;
  expect(bad.length).toBeGreaterThan(total * 0.03);
  expect(bad.length).toBeLessThan(total * 0.07);
  const loaded = store.all('accounts');
  const rejected = report.rejected.filter((r) => r.entity === 'accounts');
  expect(loaded.length + rejected.length, 'nothing lost').toBe(total);
  expect(new Set(loaded.map((a) => a.id)).size, 'nothing duplicated').toBe(loaded.length);
  expect(rejected.map((r) => r.id).sort(), 'every bad record reported, by id').toEqual(bad);
  expect(rejected.every((r) => r.issues.some((i) => i.path === 'name'))).toBe(true);
  // The good ones carry the seeded data, not something the faults made up.
  const byName = new Map(seeded.map((a) => [a.name, a]));
  for (const a of loaded) expect(a.industry).toBe(byName.get(a.name)?.industry);
  return { loaded, rejected };
}
