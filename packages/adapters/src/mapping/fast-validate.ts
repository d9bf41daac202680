// A fast path for validating a sync's worth of records. zod stays the judge: this compiles the
// model's own zod/mini schemas into plain functions that walk objects, optionals, defaults,
// arrays and records directly (where zod's generic machinery costs the most) and hand every leaf
// (strings, numbers, enums, with their checks and refinements) to zod itself. A record the fast
// path accepts gets exactly the value zod would produce; anything it does not accept, or any
// schema shape it does not know, goes to zod for the full verdict and the issues.
// (test/mapping.test.ts checks the equivalence against zod with generated records.)
import { entitySchemas, Pipeline, type EntityKind } from '@kamkit/core';

type Fast = (v: unknown) => unknown;
const FAIL: unique symbol = Symbol('fail');
const SKIP: unique symbol = Symbol('skip');
type Zod = { _zod: { def: Record<string, unknown> & { type: string; checks?: Zod[]; coerce?: boolean }; run: (p: Payload, ctx: object) => Payload; check?: (p: Payload) => void; optin?: string; optout?: string } };
type Payload = { value: unknown; issues: unknown[] };

const CTX = Object.freeze({ async: false });
const leafTypes = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null', 'bigint']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// One payload reused by every check (checks only push issues into it; single-threaded).
const scratch: Payload = { value: undefined, issues: [] };

function runChecks(checks: Zod[] | undefined, value: unknown): boolean {
  if (checks === undefined || checks.length === 0) return true;
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    scratch.value = value;
    scratch.issues.length = 0;
    const when = c._zod.def.when as ((p: Payload) => boolean) | undefined;
    if (when && !when(scratch)) continue;
    c._zod.check!(scratch);
    if (scratch.issues.length) {
      scratch.issues.length = 0;
      return false;
    }
  }
  return true;
}

function compile(schema: Zod): Fast | undefined {
  const def = schema._zod.def;
  const checks = def.checks;
  // The common leaves, inlined with zod's exact type tests; their checks and refinements are zod's own.
  if (!def.coerce && def.type === 'string') return (v) => (typeof v === 'string' && runChecks(checks, v) ? v : FAIL);
  if (!def.coerce && def.type === 'number') {
    return (v) => (typeof v === 'number' && !Number.isNaN(v) && Number.isFinite(v) && runChecks(checks, v) ? v : FAIL);
  }
  if (!def.coerce && def.type === 'boolean') return (v) => (typeof v === 'boolean' && runChecks(checks, v) ? v : FAIL);
  if (def.type === 'enum') {
    const values = (schema._zod as unknown as { values: Set<unknown> }).values;
    return (v) => (values.has(v) && runChecks(checks, v) ? v : FAIL);
  }
  if (leafTypes.has(def.type)) {
    return (v) => {
      const p = schema._zod.run({ value: v, issues: [] }, CTX);
      return p.issues.length ? FAIL : p.value;
    };
  }
  if (def.type === 'unknown' || def.type === 'any') return (v) => v;
  if (def.type === 'optional') {
    const inner = compile(def.innerType as Zod);
    return inner && ((v) => (v === undefined ? undefined : inner(v)));
  }
  if (def.type === 'default') {
    const inner = compile(def.innerType as Zod);
    if (!inner) return undefined;
    return (v) => {
      if (v === undefined) return (def as unknown as { defaultValue: unknown }).defaultValue;
      const r = inner(v);
      return r === undefined ? (def as unknown as { defaultValue: unknown }).defaultValue : r;
    };
  }
  if (def.type === 'array') {
    const element = compile(def.element as Zod);
    if (!element) return undefined;
    const checks = def.checks;
    return (v) => {
      if (!Array.isArray(v)) return FAIL;
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const r = element(v[i]);
        if (r === FAIL) return FAIL;
        if (r !== v[i]) (out ??= v.slice())[i] = r;
      }
      const result = out ?? v;
      return runChecks(checks, result) ? result : FAIL;
    };
  }
  // A map: zod's record, or the model's maps of fields (core model/map-of.ts: a custom schema that
  // names its key and value types, its one check being the walk below).
  const isMap = def.type === 'custom' && def.keyType !== undefined;
  if (def.type === 'record' || isMap) {
    const key = compile(def.keyType as Zod);
    const value = isMap && def.valueType === undefined ? (v: unknown) => v : compile(def.valueType as Zod);
    if (!key || !value || (!isMap && def.checks?.length) || (def.keyType as Zod)._zod.def.type !== 'string') return undefined;
    return (v) => {
      if (!isPlainObject(v)) return FAIL;
      let out: Record<string, unknown> | undefined;
      for (const k in v) {
        // An own `__proto__` key (JSON.parse makes one) is left out of zod's copy: zod decides.
        if (k === '__proto__' || key(k) === FAIL) return FAIL;
        const r = value(v[k]);
        if (r === FAIL) return FAIL;
        if (r !== v[k]) (out ??= { ...v })[k] = r;
      }
      return out ?? v;
    };
  }
  if (def.type === 'object') {
    if (def.catchall !== undefined || def.checks?.length) return undefined;
    const shape = def.shape as Record<string, Zod>;
    const fields: Array<{ key: string; fast: Fast; optin?: string; optout?: string }> = [];
    for (const key of Object.keys(shape)) {
      const fast = compile(shape[key]);
      if (!fast) return undefined;
      fields.push({ key, fast, optin: shape[key]._zod.optin, optout: shape[key]._zod.optout });
    }
    const results: unknown[] = new Array(fields.length);
    return (v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return FAIL;
      const input = v as Record<string, unknown>;
      // The input object itself is the result when zod's output would equal it: every key is
      // known, no default had to be filled, no child value was replaced. (Mapped records are
      // fresh objects the caller owns, so handing them on saves a copy per record.)
      let same = true;
      let presentKnown = 0;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        const value = input[f.key];
        const isPresent = value !== undefined || f.key in input;
        results[i] = SKIP;
        if (isPresent) presentKnown++;
        // Mirrors zod's handlePropertyResult: absent optional keys contribute nothing.
        if (!isPresent && f.optout === 'optional' && f.optin === 'optional') continue;
        const r = f.fast(value);
        if (r === FAIL) {
          if (f.optin !== undefined && f.optout === 'optional' && !isPresent) continue;
          return FAIL;
        }
        if (!isPresent && f.optin === undefined) return FAIL;
        if (r === undefined) {
          if (isPresent || (f.optin === 'defaulted' && f.optout !== 'optional')) {
            results[i] = undefined;
            if (!isPresent) same = false;
          }
        } else {
          results[i] = r;
          if (!isPresent || r !== value) same = false;
        }
      }
      if (same) {
        let keys = 0;
        for (const _ in input) keys++;
        if (keys === presentKnown) return input;
      }
      const out: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) if (results[i] !== SKIP) out[fields[i].key] = results[i];
      return out;
    };
  }
  return undefined;
}

const cache = new Map<string, ((v: unknown) => { value: unknown } | undefined) | null>();

/**
 * A compiled validator for an entity kind: `{ value }` (exactly zod's output) when the record is
 * valid, `undefined` when it is not or cannot be decided here (ask zod). `null` when the schema
 * has a shape this compiler does not handle.
 */
export function fastParser(kind: EntityKind | 'pipelines'): ((v: unknown) => { value: unknown } | undefined) | null {
  let p = cache.get(kind);
  if (p === undefined) {
    const schema = (kind === 'pipelines' ? Pipeline : entitySchemas[kind]) as unknown as Zod;
    const fast = compile(schema);
    p = fast ? (v) => { const r = fast(v); return r === FAIL ? undefined : { value: r }; } : null;
    cache.set(kind, p);
  }
  return p;
}
