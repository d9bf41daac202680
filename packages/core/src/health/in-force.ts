// Which health override applies at a given instant. Apart from overrides.ts (the override schema
// and the ledger) so that scoring, which only reads overrides, does not load their validation.
import type { HealthOverride } from './overrides.js';
import { nowMs, toMs, type Instant } from '../analytics/util.js';

/** Is the override in force at `now` (set, not revoked, not expired)? */
export function overrideInForce(o: HealthOverride, now: Instant): boolean {
  const t = nowMs(now);
  const created = toMs(o.createdAt);
  if (created !== undefined && created > t) return false;
  const revoked = toMs(o.revokedAt);
  if (revoked !== undefined && revoked <= t) return false;
  const expires = toMs(o.expiresAt);
  return expires === undefined || expires > t;
}

/** The latest override in force for an account, if any. */
export function activeOverride(overrides: Iterable<HealthOverride>, accountId: string, now: Instant): HealthOverride | undefined {
  let pick: HealthOverride | undefined;
  for (const o of overrides) {
    if (o.accountId !== accountId || !overrideInForce(o, now)) continue;
    if (!pick || o.createdAt >= pick.createdAt) pick = o;
  }
  return pick;
}
