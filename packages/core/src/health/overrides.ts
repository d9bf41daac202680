// Manual overrides of a health score: a value with a reason, an author and an optional expiry,
// optionally "may only lower". Every change lands in an audit trail; an expired override stops
// applying by itself (nothing has to run to remove it).
import * as z from 'zod/mini';
import { IsoDateTime } from '../model/schemas.js';
import { KamValidationError, KamNotFoundError } from '../errors.js';
import { issuesOf } from '../model/validate.js';
import { nowMs, toMs, type Instant } from '../analytics/util.js';
import { activeOverride } from './in-force.js';

export { activeOverride, overrideInForce } from './in-force.js';

const nonEmpty = z.string().check(z.refine((s) => s.length > 0, 'must not be empty')); // not minLength: see model/schemas.ts
export const HealthOverride = z.object({
  id: nonEmpty,
  accountId: nonEmpty,
  /** The score to show instead of the computed one, 0–100. */
  value: z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0 && n <= 100, 'must be a number from 0 to 100')),
  reason: z.string().check(z.refine((s) => s.trim().length > 0, 'must say why (a reason is required)')),
  author: z.string().check(z.refine((s) => s.trim().length > 0, 'must name who set it')),
  createdAt: IsoDateTime,
  /** After this instant the override no longer applies. */
  expiresAt: z.optional(IsoDateTime),
  /** Apply only when it lowers the computed score (a CSM may flag risk, not hide it). */
  onlyLower: z._default(z.boolean(), false),
  revokedAt: z.optional(IsoDateTime),
  revokedBy: z.optional(z.string()),
});
export type HealthOverride = z.infer<typeof HealthOverride>;
export type HealthOverrideInput = z.input<typeof HealthOverride>;

export interface OverrideAuditEntry {
  at: string;
  action: 'set' | 'revoked' | 'expired' | 'replaced';
  overrideId: string;
  accountId: string;
  by?: string;
  reason?: string;
  value?: number;
}

/**
 * Holds overrides and their audit trail. Setting a new override for an account replaces the
 * previous one (both stay in the trail). Serialise with `toJSON` / `OverrideLedger.from`.
 */
export class OverrideLedger {
  private readonly items: HealthOverride[] = [];
  private readonly trail: OverrideAuditEntry[] = [];

  static from(data: { overrides: readonly HealthOverrideInput[]; audit?: readonly OverrideAuditEntry[] }): OverrideLedger {
    const l = new OverrideLedger();
    for (const o of data.overrides) l.items.push(parseOverride(o));
    l.trail.push(...(data.audit ?? []));
    return l;
  }

  /** Validates and records an override (createdAt defaults to now). Throws KamValidationError. */
  set(input: Omit<HealthOverrideInput, 'createdAt'> & { createdAt?: string }, now: Instant): HealthOverride {
    const at = new Date(nowMs(now)).toISOString();
    const o = parseOverride({ ...input, createdAt: input.createdAt ?? at });
    if (this.items.some((x) => x.id === o.id)) throw new KamValidationError([{ entity: 'healthOverride', id: o.id, path: 'id', message: 'is already used' }]);
    const prev = activeOverride(this.items, o.accountId, at);
    if (prev) {
      prev.revokedAt = at;
      prev.revokedBy = o.author;
      this.trail.push({ at, action: 'replaced', overrideId: prev.id, accountId: prev.accountId, by: o.author, reason: `replaced by ${o.id}` });
    }
    this.items.push(o);
    this.trail.push({ at, action: 'set', overrideId: o.id, accountId: o.accountId, by: o.author, reason: o.reason, value: o.value });
    return o;
  }

  revoke(id: string, by: string, reason: string, now: Instant): HealthOverride {
    const o = this.items.find((x) => x.id === id);
    if (!o) throw new KamNotFoundError('health override', id);
    const at = new Date(nowMs(now)).toISOString();
    o.revokedAt = at;
    o.revokedBy = by;
    this.trail.push({ at, action: 'revoked', overrideId: id, accountId: o.accountId, by, reason });
    return o;
  }

  /** The override in force for an account at `now`. */
  active(accountId: string, now: Instant): HealthOverride | undefined {
    return activeOverride(this.items, accountId, now);
  }

  overrides(): readonly HealthOverride[] {
    return this.items;
  }

  /** The audit trail up to `now`, with expiries shown at the moment they happened. */
  audit(now: Instant, accountId?: string): OverrideAuditEntry[] {
    const t = nowMs(now);
    const out = this.trail.filter((e) => (accountId === undefined || e.accountId === accountId) && (toMs(e.at) ?? 0) <= t);
    for (const o of this.items) {
      if (accountId !== undefined && o.accountId !== accountId) continue;
      const exp = toMs(o.expiresAt);
      const rev = toMs(o.revokedAt);
      if (exp !== undefined && exp <= t && (rev === undefined || rev > exp)) {
        out.push({ at: new Date(exp).toISOString(), action: 'expired', overrideId: o.id, accountId: o.accountId });
      }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  toJSON(): { overrides: HealthOverride[]; audit: OverrideAuditEntry[] } {
    return { overrides: this.items.map((o) => ({ ...o })), audit: this.trail.map((e) => ({ ...e })) };
  }
}

export function parseOverride(raw: unknown): HealthOverride {
  const r = HealthOverride.safeParse(raw);
  if (!r.success) throw new KamValidationError(issuesOf('healthOverride', raw, r.error as never));
  return r.data;
}
