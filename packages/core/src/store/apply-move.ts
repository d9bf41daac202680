// Applying an accepted stage move to an opportunity (moves.ts checks it first). A module of its
// own: the sync engine, loaded on demand, applies moves it replays and needs no more of the rules;
// with it in moves.ts the engine reached them all, shared with it as a file of their own up front.
import type { Opportunity, Stage } from '../model/schemas.js';
import type { MoveInput } from './types.js';

export function stageKind(s: Stage): 'open' | 'won' | 'lost' {
  return s.kind ?? 'open';
}

/**
 * When a won / lost deal closed, a full ISO timestamp as every other time of the model: the
 * move's moment, or the day the user gave — a bare date (a date picker's "2026-11-20") is that
 * day at 00:00 UTC, and today's (or a later) one the move's moment itself.
 */
function closeTime(date: string | undefined, at: Date): string {
  const t = date ? Date.parse(date) : NaN;
  return t !== t || (date!.length === 10 && t + 86_400_000 > at.getTime()) ? at.toISOString() : new Date(t).toISOString();
}

/**
 * The opportunity after an accepted move: stage history closed and extended, close fields set
 * for won/lost and cleared on reopen. `updatedAt` is left alone: it is the backend's stamp.
 */
export function applyStageMove(opp: Opportunity, to: Stage, input: MoveInput, now: Date): Opportunity {
  const at = now.toISOString();
  const history = (opp.stageHistory ?? []).map((h) => ({ ...h }));
  const open = history.findLast((h) => !h.leftAt);
  if (open) open.leftAt = at;
  else if (history.length === 0) {
    // No history from the backend: record the stage it was in, entered at an unknown time.
    history.push({ stageId: opp.stageId, enteredAt: opp.createdAt ?? at, leftAt: at });
  }
  history.push(input.by ? { stageId: to.id, enteredAt: at, by: input.by } : { stageId: to.id, enteredAt: at });
  const next: Opportunity = { ...opp, stageId: to.id, stageHistory: history };
  const kind = stageKind(to);
  if (kind === 'won') {
    next.closedAt = closeTime(input.date, now);
    if (input.reason) next.wonReason = input.reason;
    delete next.lostReason;
  } else if (kind === 'lost') {
    next.closedAt = closeTime(input.date, now);
    if (input.reason) next.lostReason = input.reason;
    delete next.wonReason;
  } else {
    delete next.closedAt;
    delete next.wonReason;
    delete next.lostReason;
  }
  return next;
}

/**
 * A backend's record of a deal whose backend keeps no stage history (`capabilities().stageHistory`
 * false): it takes the history the store holds (`held`), and when its stage is not the one the
 * deal was last in, the move is recorded as `applyStageMove` would at the record's `updatedAt` (validated: a
 * real time), or `now` without one.
 */
export function keepStageHistory(held: Opportunity, incoming: Opportunity, now: Date): Opportunity {
  const from = held.stageHistory?.at(-1)?.stageId ?? held.stageId;
  const stageHistory = from === incoming.stageId
    ? held.stageHistory
    : applyStageMove({ ...held, stageId: from }, { id: incoming.stageId } as Stage, {}, incoming.updatedAt ? new Date(incoming.updatedAt) : now).stageHistory;
  return { ...incoming, stageHistory };
}
