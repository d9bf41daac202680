import { describe, expect, it } from 'vitest';
import { Store, type Opportunity, type Pipeline, type PipelineRules, type WriteSink, type WriteOp, type OutboxEntry, type WriteEvent, type ChangeEvent } from '@kamkit/core';

const NOW = new Date('2026-11-23T08:00:00Z');

function pipeline(rules: Partial<PipelineRules> = {}): Pipeline {
  return {
    id: 'p1', name: '新客户销售', sourceIds: {},
    rules: { allowSkip: false, allowBackward: false, allowReopen: false, wonRequires: { reason: true, date: true }, lostRequires: { reason: true, date: true }, ...rules },
    stages: [
      { id: 'qualify', name: 'Qualify', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
      { id: 'needs', name: 'Needs analysis', order: 2, probability: 0.25, forecastCategory: 'pipeline', kind: 'open',
        entryCriteria: { requiredFields: ['custom.painPoint'], checklist: [{ id: 'discovery', label: 'Discovery call held' }] }, keyFields: [] },
      { id: 'proposal', name: 'Proposal', order: 3, probability: 0.5, forecastCategory: 'best_case', kind: 'open',
        entryCriteria: { requiredFields: ['nextStep.text', 'custom.budget'], checklist: [{ id: 'dm_met', label: 'Decision maker met' }] }, keyFields: [] },
      { id: 'won', name: '赢单', order: 4, probability: 1, forecastCategory: 'closed', kind: 'won', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
      { id: 'lost', name: '输单', order: 5, probability: 0, forecastCategory: 'omitted', kind: 'lost', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    ],
  };
}

function deal(extra: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o1', accountId: 'a1', pipelineId: 'p1', stageId: 'qualify', name: 'Line 3 retrofit', amount: { amount: 100, currency: 'CNY' }, closeDate: '2026-12-31',
    stageHistory: [{ stageId: 'qualify', enteredAt: '2026-10-01T00:00:00Z', by: 'u0' }], checklist: {}, sourceIds: {}, updatedAt: '2026-11-01T00:00:00Z', ...extra,
  };
}

function store(rules: Partial<PipelineRules> = {}, opp: Partial<Opportunity> = {}, writes?: WriteSink): Store {
  return Store.fromBook({ pipelines: [pipeline(rules)], opportunities: [deal(opp)] }, { now: () => NOW, user: 'u7', writes });
}

const codes = (s: Store, to: string, input = {}) => s.checkMove('o1', to, input).reasons.map((r) => r.code);

describe('checkMove refusals', () => {
  it('unknown opportunity', () => {
    const r = store().checkMove('nope', 'needs');
    expect(r.ok).toBe(false);
    expect(r.reasons).toEqual([{ code: 'unknown_opportunity', message: expect.stringContaining('nope') }]);
  });
  it('unknown stage', () => {
    const r = store().checkMove('o1', 'mars');
    expect(r.reasons[0]).toMatchObject({ code: 'unknown_stage', field: 'stageId' });
    expect(r.reasons[0].message).toContain('mars');
    expect(r.reasons[0].message).toBe('Stage mars is not a stage of pipeline “新客户销售”');
  });
  it('same stage', () => {
    expect(store().checkMove('o1', 'qualify').reasons).toEqual([{ code: 'same_stage', field: 'stageId', message: '“Line 3 retrofit” is already in Qualify' }]);
  });
  it('skipping not allowed — names the stage to move to first, and the skipped stage criteria count too', () => {
    const r = store({}, { nextStep: { text: 'Send quote', done: false }, custom: { budget: 5 }, checklist: { dm_met: true } }).checkMove('o1', 'proposal');
    expect(r.reasons.map((x) => x.code)).toEqual(['skip_not_allowed', 'missing_field', 'checklist_incomplete']);
    expect(r.reasons[0].message).toContain('move to Needs analysis first');
    expect(r.reasons[1]).toMatchObject({ field: 'custom.painPoint' });
    expect(r.reasons[1].message).toBe('Fill in Pain point before moving to Proposal (required by Needs analysis, which this move skips)');
    expect(r.reasons[2]).toMatchObject({ field: 'discovery', message: 'Tick “Discovery call held” before moving to Proposal (required by Needs analysis, which this move skips)' });
  });
  it('skipping allowed still applies the skipped stages\' entry criteria', () => {
    const r = store({ allowSkip: true }).checkMove('o1', 'proposal');
    expect(r.reasons.map((x) => x.field)).toEqual(['custom.painPoint', 'discovery', 'nextStep.text', 'custom.budget', 'dm_met']);
    expect(r.reasons.map((x) => x.code)).not.toContain('skip_not_allowed');
  });
  it('backward not allowed', () => {
    const s = store({}, { stageId: 'needs' });
    expect(s.checkMove('o1', 'qualify').reasons).toEqual([{ code: 'backward_not_allowed', field: 'stageId', message: 'This pipeline does not allow moving back from Needs analysis to Qualify' }]);
    expect(store({ allowBackward: true }, { stageId: 'needs' }).checkMove('o1', 'qualify').ok).toBe(true);
  });
  it('reopening a closed deal not allowed (to open or to the other closed stage)', () => {
    const s = store({ allowBackward: true }, { stageId: 'won', closedAt: '2026-11-01' });
    expect(codes(s, 'qualify')).toEqual(['reopen_not_allowed']);
    expect(codes(s, 'lost', { reason: 'x', date: '2026-11-02' })).toEqual(['reopen_not_allowed']);
    expect(s.checkMove('o1', 'qualify').reasons[0].message).toBe('“Line 3 retrofit” is already won; this pipeline does not allow reopening closed deals — create a new opportunity instead');
    expect(store({ allowReopen: true }, { stageId: 'won' }).checkMove('o1', 'qualify').ok).toBe(true);
  });
  it('missing required fields, each named by its path', () => {
    const r = store({ allowSkip: true }, { checklist: { discovery: true, dm_met: true }, custom: { painPoint: '  ' } }).checkMove('o1', 'proposal');
    expect(r.reasons.map((x) => [x.code, x.field])).toEqual([['missing_field', 'custom.painPoint'], ['missing_field', 'nextStep.text'], ['missing_field', 'custom.budget']]);
    expect(r.reasons[1].message).toBe('Fill in Next step before moving to Proposal');
  });
  it('unticked checklist items', () => {
    const r = store({}, { custom: { painPoint: 'downtime' }, checklist: { discovery: false } }).checkMove('o1', 'needs');
    expect(r.reasons).toEqual([{ code: 'checklist_incomplete', field: 'discovery', message: 'Tick “Discovery call held” before moving to Needs analysis' }]);
  });
  it('won needs a reason and a date (赢单); lost needs a reason and a date (输单)', () => {
    const s = store();
    const won = s.checkMove('o1', 'won');
    expect(won.reasons.map((x) => [x.code, x.field])).toEqual([['reason_required', 'wonReason'], ['date_required', 'closedAt']]);
    expect(won.reasons[0].message).toBe('Give a reason the deal was won before moving it to 赢单');
    expect(codes(s, 'lost')).toEqual(['reason_required', 'date_required']);
    expect(codes(s, 'lost', { reason: 'Price', date: '2026-11-20' })).toEqual([]);
    expect(codes(store({ lostRequires: { reason: false, date: false } }), 'lost')).toEqual([]);
  });
  it('closing is not a skip: an early-stage deal may be lost directly', () => {
    expect(store().checkMove('o1', 'lost', { reason: 'No budget', date: '2026-11-22' }).ok).toBe(true);
  });
  it('invalid or future dates', () => {
    expect(store().checkMove('o1', 'lost', { reason: 'x', date: '22/11/2026' }).reasons).toEqual([
      { code: 'invalid_date', field: 'closedAt', message: 'The lost date “22/11/2026” is not a date; use the form 2026-11-23' },
    ]);
    // an open stage takes no date, and a given one that is not a date is refused with the same quotes
    expect(store({ allowSkip: true }, { custom: { painPoint: 'x' }, checklist: { discovery: true } }).checkMove('o1', 'needs', { date: 'soon' }).reasons)
      .toEqual([{ code: 'invalid_date', field: 'closedAt', message: '“soon” is not a date; use the form 2026-11-23' }]);
    expect(codes(store(), 'lost', { reason: 'x', date: '2027-01-05' })).toEqual(['invalid_date']);
    expect(codes(store(), 'lost', { reason: 'x', date: '2026-02-30' })).toEqual(['invalid_date']);
    // Date.parse takes these; the model's date rule does not
    expect(codes(store(), 'lost', { reason: 'x', date: '2026-01-31 :' })).toEqual(['invalid_date']);
    expect(codes(store(), 'lost', { reason: 'x', date: '2024-01-01 ..' })).toEqual(['invalid_date']);
  });
  it('returns every reason at once', () => {
    const s = store({}, { stageId: 'won' });
    // reopen + skip is not reported together (closed deals are not "skipping"), but all gates are:
    expect(codes(s, 'proposal')).toEqual(['reopen_not_allowed', 'missing_field', 'missing_field', 'checklist_incomplete']);
  });
});

describe('moveStage', () => {
  it('refused: changes nothing, queues nothing', async () => {
    const s = store();
    const events: ChangeEvent[] = [];
    const writes: WriteEvent[] = [];
    s.subscribe((e) => events.push(e));
    s.onWrite((e) => writes.push(e));
    const before = s.get('opportunities', 'o1');
    const r = await s.moveStage('o1', 'won');
    expect(r.ok).toBe(false);
    expect(r.entry).toBeUndefined();
    expect(s.get('opportunities', 'o1')).toBe(before);
    expect(events).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('accepted: history closed and extended with who and when, local write confirmed at once', async () => {
    const s = store({}, { custom: { painPoint: 'downtime' }, checklist: { discovery: true } });
    const writes: WriteEvent[] = [];
    s.onWrite((e) => writes.push(e));
    const r = await s.moveStage('o1', 'needs');
    expect(r.ok).toBe(true);
    const o = s.get('opportunities', 'o1')!;
    expect(o.stageId).toBe('needs');
    expect(o.stageHistory).toEqual([
      { stageId: 'qualify', enteredAt: '2026-10-01T00:00:00Z', by: 'u0', leftAt: NOW.toISOString() },
      { stageId: 'needs', enteredAt: NOW.toISOString(), by: 'u7' },
    ]);
    expect(o.updatedAt).toBe('2026-11-01T00:00:00Z'); // the backend's stamp is not ours to change
    expect(r.entry).toMatchObject({ state: 'confirmed', op: { op: 'moveStage', entity: 'opportunities', id: 'o1', toStageId: 'needs', by: 'u7', ifUnmodifiedSince: '2026-11-01T00:00:00Z' } });
    expect(r.entry!.op.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(writes.map((w) => w.entry.state)).toEqual(['confirmed']);
  });

  it('won and lost set closedAt and the reason; history starts even when the backend sent none', async () => {
    const s = store({}, { stageHistory: [], createdAt: '2026-09-01T00:00:00Z' });
    await s.moveStage('o1', 'lost', { reason: '价格过高', date: '2026-11-20', by: 'u3' });
    const o = s.get('opportunities', 'o1')!;
    // The day picked is stored as the model's other times are: a full ISO timestamp (00:00 UTC that day).
    expect(o).toMatchObject({ stageId: 'lost', lostReason: '价格过高', closedAt: '2026-11-20T00:00:00.000Z' });
    expect(o.stageHistory).toEqual([
      { stageId: 'qualify', enteredAt: '2026-09-01T00:00:00Z', leftAt: NOW.toISOString() },
      { stageId: 'lost', enteredAt: NOW.toISOString(), by: 'u3' },
    ]);
    const w = store({}, { stageId: 'proposal', stageHistory: [] });
    const r = await w.moveStage('o1', 'won', { reason: 'Best fit', date: '2026-11-23' });
    expect(r.entry!.op).toMatchObject({ op: 'moveStage', reason: 'Best fit', date: '2026-11-23' });
    // Today (the date picker's default) is the move's moment; the backend still gets the day given.
    expect(w.get('opportunities', 'o1')).toMatchObject({ wonReason: 'Best fit', closedAt: NOW.toISOString() });
    const t = store({}, { stageId: 'proposal', stageHistory: [] });
    await t.moveStage('o1', 'won', { reason: 'Signed', date: '2026-11-22T15:30:00+08:00' });
    expect(t.get('opportunities', 'o1')!.closedAt).toBe('2026-11-22T07:30:00.000Z'); // a time given is kept, in UTC
  });

  it('reopening (where allowed) clears the close fields', async () => {
    const s = store({ allowReopen: true }, { stageId: 'lost', lostReason: 'Price', closedAt: '2026-11-01' });
    expect((await s.moveStage('o1', 'qualify')).ok).toBe(true);
    const o = s.get('opportunities', 'o1')!;
    expect(o.closedAt).toBeUndefined();
    expect(o.lostReason).toBeUndefined();
  });

  it('hands the op and the record before it to the write sink', async () => {
    const got: Array<{ op: WriteOp; before: unknown }> = [];
    const sink: WriteSink = {
      async enqueue(op, before) {
        got.push({ op, before });
        return { idempotencyKey: op.idempotencyKey, op, before, state: 'pending', attempts: 0, createdAt: NOW.toISOString() } satisfies OutboxEntry;
      },
    };
    const s = store({}, { custom: { painPoint: 'x' }, checklist: { discovery: true } }, sink);
    const before = s.get('opportunities', 'o1');
    const r = await s.moveStage('o1', 'needs');
    expect(r.entry!.state).toBe('pending');
    expect(got).toHaveLength(1);
    expect(got[0].before).toBe(before);
    expect(s.get('opportunities', 'o1')!.stageId).toBe('needs'); // optimistic
    s.rollback('opportunities', 'o1', got[0].before);
    expect(s.get('opportunities', 'o1')!.stageId).toBe('qualify');
  });
});

describe('a write the sink cannot take', () => {
  // The outbox could not store the write (IndexedDB full or closed): nothing will ever send it,
  // so the optimistic change must not stay on screen as if it had been saved.
  const failing: WriteSink = { enqueue: () => Promise.reject(new Error('QuotaExceededError: the outbox is full')) };

  it('undoes the optimistic move, update or create, says so with origin rollback, and rethrows', async () => {
    const s = store({}, { custom: { painPoint: 'x' }, checklist: { discovery: true } }, failing);
    const events: ChangeEvent[] = [];
    s.subscribe((e) => events.push(e));
    const before = s.get('opportunities', 'o1');
    await expect(s.moveStage('o1', 'needs')).rejects.toThrow('outbox is full');
    expect(s.get('opportunities', 'o1')).toEqual(before);
    await expect(s.update('opportunities', 'o1', { name: 'Renamed' })).rejects.toThrow('outbox is full');
    expect(s.get('opportunities', 'o1')!.name).toBe(before!.name);
    await expect(s.create('opportunities', deal({ id: 'o2' }))).rejects.toThrow('outbox is full');
    expect(s.get('opportunities', 'o2')).toBeUndefined();
    expect(events.map((e) => `${e.type}:${e.origin}`)).toEqual(['update:local', 'update:rollback', 'update:local', 'update:rollback', 'add:local', 'remove:rollback']);
  });
});

describe('update and create', () => {
  it('update validates the merged record and names the field', async () => {
    const s = store();
    await expect(s.update('opportunities', 'o1', { amount: { amount: 1, currency: 'yuan' } })).rejects.toThrow(/o1.*amount\.currency/);
    await expect(s.update('opportunities', 'nope', { name: 'x' })).rejects.toThrow('opportunity nope does not exist');
    expect(s.get('opportunities', 'o1')!.amount.currency).toBe('CNY');
    const e = await s.update('opportunities', 'o1', { name: 'Renamed' });
    expect(e.op).toMatchObject({ op: 'update', id: 'o1', patch: { name: 'Renamed' }, ifUnmodifiedSince: '2026-11-01T00:00:00Z' });
  });
  it('create validates, refuses a taken id or an unknown stage', async () => {
    const s = store();
    await expect(s.create('opportunities', deal())).rejects.toThrow(/already used/);
    await expect(s.create('opportunities', deal({ id: 'o2', stageId: 'zzz' }))).rejects.toThrow(/stageId/);
    const e = await s.create('opportunities', deal({ id: 'o2' }));
    expect(e.op).toMatchObject({ op: 'create', entity: 'opportunities' });
    expect(e.op.idempotencyKey).not.toBe((await s.create('opportunities', deal({ id: 'o3' }))).op.idempotencyKey);
    expect(s.byAccount('opportunities', 'a1')).toHaveLength(3);
  });
});
