import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entityKinds, entitySchemas, Pipeline, type EntityKind } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { fastParser } from '../src/mapping/fast-validate.js';
import { createFieldMapper } from '../src/mapping/field-map.js';
import { mapAndValidate } from '../src/mapping/validate.js';

const sample = generateSampleBook({ accounts: 40 } as never);

function zodParse(kind: EntityKind | 'pipelines', v: unknown) {
  const schema = (kind === 'pipelines' ? Pipeline : entitySchemas[kind]) as unknown as { safeParse(v: unknown): { success: boolean; data?: unknown } };
  return schema.safeParse(v);
}

/** Values worth trying in any field: valid-looking ones, wrong types, edge cases. */
const junk = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constant(''), fc.constant('x'), fc.constant(-1), fc.constant(0.5),
  fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(3), fc.constant(true), fc.constant([]),
  fc.constant({}), fc.constant('2026-11-23'), fc.constant('2026-11-23T08:00:00Z'), fc.constant('2026-13-45'),
  fc.constant('CNY'), fc.constant('cny'), fc.constant({ amount: 5, currency: 'USD' }), fc.constant({ amount: 'x', currency: 'USD' }),
  fc.constant(['a', 'b']), fc.constant([1]), fc.constant({ a: 'b' }), fc.constant('won'), fc.constant('other'),
  fc.string(), fc.integer(), fc.double(), fc.anything(),
);

describe('fast validation agrees with zod', () => {
  const kinds = [...entityKinds, 'pipelines' as const];
  for (const kind of kinds) {
    it(`${kind}: same verdict and same value as zod, for real and mutated records`, () => {
      const fast = fastParser(kind);
      expect(fast, `the ${kind} schema compiles`).not.toBeNull();
      const seeds = ((sample as unknown as Record<string, unknown[]>)[kind] ?? []).slice(0, 20);
      if (!seeds.length) return;
      const fields = Object.keys((kind === 'pipelines' ? Pipeline : entitySchemas[kind]).shape as object);
      fc.assert(fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.constantFrom(...fields, 'unknownKey'), junk, fc.boolean()), { maxLength: 3 }),
        (i, edits) => {
          const rec = structuredClone(seeds[i]) as Record<string, unknown>;
          for (const [k, v, remove] of edits) {
            if (remove) delete rec[k];
            else rec[k] = v;
          }
          const z = zodParse(kind, structuredClone(rec));
          const f = fast!(structuredClone(rec));
          expect(f !== undefined, JSON.stringify(rec)).toBe(z.success);
          if (f) expect(f.value).toEqual(z.data);
        },
      ), { numRuns: 300, seed: 42 });
    });
  }
});

describe('fast validation: maps of fields', () => {
  it('an own __proto__ key (as JSON.parse makes it) is left out of a map, as zod leaves it out', () => {
    const raw = JSON.parse('{"id":"a1","name":"A","tags":[],"sourceIds":{"__proto__":"x","crm":"1"},"custom":{"__proto__":{"isAdmin":true},"x":1}}');
    const z = zodParse('accounts', structuredClone(raw));
    const fast = fastParser('accounts')!(structuredClone(raw));
    if (fast) expect(fast.value).toEqual(z.data);
    const { items } = mapAndValidate('accounts', [raw], (r) => structuredClone(r));
    const value = items[0] as unknown as { sourceIds: object; custom: object };
    expect(Reflect.ownKeys(value.custom)).toEqual(['x']);
    expect(Reflect.ownKeys(value.sourceIds)).toEqual(['crm']);
    expect((Object.assign({}, value.custom) as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });
});

describe('mapAndValidate', () => {
  it('loads good records, quarantines bad ones with reasons, and keeps the vendor raw record', () => {
    const raws = [{ Id: 'a1', Name: 'Good' }, { Id: 'a2', Name: '' }, 'not a record', { Id: 'a3', Name: 'Throws' }];
    const r = mapAndValidate('accounts', raws, (x) => {
      if (x.Name === 'Throws') throw new Error('unexpected shape');
      return { id: x.Id, name: x.Name, tags: [], sourceIds: {} };
    });
    expect(r.items.map((a) => a.id)).toEqual(['a1']);
    expect(r.rejected.map((x) => x.id)).toEqual(['a2', undefined, 'a3']);
    expect(r.rejected[0].issues[0]).toMatchObject({ entity: 'accounts', id: 'a2', path: 'name' });
    expect(r.rejected[0].raw).toBe(raws[1]);
    expect(r.rejected[2].issues[0].message).toContain('unexpected shape');
  });
});

describe('field mapping', () => {
  const m = createFieldMapper({
    accounts: { name: 'customer_name', region: 'area.code', 'annualRevenue.amount': { field: 'revenue_cents', toModel: (v) => Number(v) / 100, toWire: (v) => Math.round(Number(v) * 100) } },
  });
  it('renames, nests and converts both ways, and leaves unmapped fields alone', () => {
    const wire = { id: 'c-1', customer_name: '华东精密', area: { code: 'EAST' }, revenue_cents: 123456, tags: ['x'] };
    const model = m.toModel('accounts', wire) as Record<string, unknown>;
    expect(model).toEqual({ id: 'c-1', name: '华东精密', region: 'EAST', annualRevenue: { amount: 1234.56 }, tags: ['x'] });
    expect(m.toWire('accounts', model)).toEqual({ id: 'c-1', customer_name: '华东精密', area: { code: 'EAST' }, revenue_cents: 123456, tags: ['x'] });
    expect(m.wireField('accounts', 'region')).toBe('area.code');
    expect(m.wireField('accounts', 'industry')).toBe('industry');
    expect(m.toModel('contacts', { a: 1 })).toEqual({ a: 1 });
    expect(createFieldMapper().identity).toBe(true);
  });
});
