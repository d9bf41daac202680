// Buying-committee coverage: which roles are present and engaged, and what is missing.
import type { Activity, BuyingRole, Contact } from '@kamkit/core';

export type CoverageGapCode = 'no_decision_maker' | 'decision_maker_not_reached' | 'no_champion' | 'no_economic_buyer' | 'blockers';

export interface CoverageGap {
  code: CoverageGapCode;
  /** The contacts concerned (the unreached decision makers, the blockers). */
  contacts: Contact[];
}

export interface Coverage {
  gaps: CoverageGap[];
  /** Contacts per role. */
  byRole: Record<BuyingRole, Contact[]>;
  /** Latest touch per contact id: its own `lastEngagedAt` or its newest activity, whichever is later. */
  lastTouch: Map<string, string>;
}

const roles: BuyingRole[] = ['decision_maker', 'economic_buyer', 'influencer', 'champion', 'user', 'blocker', 'other'];

/**
 * A decision maker counts as reached when touched within `engagedDays` of `now`; with no recorded
 * touch at all, a relationship strength of 3 or more counts instead.
 */
export function committeeCoverage(contacts: readonly Contact[], activities: readonly Activity[], now: Date, engagedDays = 90): Coverage {
  const byRole = Object.fromEntries(roles.map((r) => [r, [] as Contact[]])) as Record<BuyingRole, Contact[]>;
  for (const c of contacts) (byRole[c.role] ?? byRole.other).push(c);
  const lastTouch = new Map<string, string>();
  for (const c of contacts) if (c.lastEngagedAt) lastTouch.set(c.id, c.lastEngagedAt);
  for (const a of activities) {
    if (!a.contactId) continue;
    const prev = lastTouch.get(a.contactId);
    if (!prev || Date.parse(a.occurredAt) > Date.parse(prev)) lastTouch.set(a.contactId, a.occurredAt);
  }
  const cutoff = now.getTime() - engagedDays * 86_400_000;
  const reached = (c: Contact) => {
    const touch = lastTouch.get(c.id);
    if (touch) return Date.parse(touch) >= cutoff;
    return (c.relationshipStrength ?? 0) >= 3;
  };
  const gaps: CoverageGap[] = [];
  if (!byRole.decision_maker.length) gaps.push({ code: 'no_decision_maker', contacts: [] });
  else if (!byRole.decision_maker.some(reached)) gaps.push({ code: 'decision_maker_not_reached', contacts: byRole.decision_maker });
  if (!byRole.champion.length) gaps.push({ code: 'no_champion', contacts: [] });
  if (!byRole.economic_buyer.length) gaps.push({ code: 'no_economic_buyer', contacts: [] });
  if (byRole.blocker.length) gaps.push({ code: 'blockers', contacts: byRole.blocker });
  return { gaps, byRole, lastTouch };
}
