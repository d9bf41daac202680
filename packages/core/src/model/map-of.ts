// Maps of fields (sourceIds, custom, checklist, FX rates) as `z.record(key, value)` checks them —
// the same verdicts, issues, paths and output — written on zod's custom schema, which the model
// uses anyway: zod's record schema was a tenth of the model's zod code, all of it loaded up front.
import * as z from 'zod/mini';

type Issues = Array<{ path?: PropertyKey[] }>;
type Runnable = { _zod: { run(payload: { value: unknown; issues: Issues }, ctx: object): { value: unknown; issues: Issues } } };

const ctx = { async: false };

/** zod's plain-object test: a Map, a Date or a class instance is not a map of fields. */
function isPlainObject(v: unknown): v is Record<PropertyKey, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return proto !== null && typeof proto === 'object' && !Array.isArray(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

/**
 * A map with string keys (passing `key` when given) and values passing `value` (any value when
 * absent). The output is a copy of the own enumerable keys, `__proto__` left out; a key or
 * value that fails is an issue at the map's path plus the key, as zod's record reports it.
 */
export function mapOf<V = unknown>(value?: z.ZodMiniType<V>, key?: z.ZodMiniType<string>) {
  // The key and value types also sit in the schema's definition, where zod's record keeps them:
  // the adapters' fast validation path reads them there.
  const types = { keyType: key ?? z.string(), valueType: value } as object;
  return z.custom<Record<string, V>>(undefined, types).check(z.check((payload) => {
    const input = payload.value;
    if (!isPlainObject(input)) {
      payload.issues.push({ code: 'invalid_type', expected: 'record', input });
      return;
    }
    const out: Record<string, unknown> = {};
    for (const k of Reflect.ownKeys(input)) {
      if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, k)) continue;
      if (typeof k === 'symbol' || (key && (key as unknown as Runnable)._zod.run({ value: k, issues: [] }, ctx).issues.length)) {
        payload.issues.push({ code: 'invalid_key', origin: 'record', issues: [], input: k, path: [k] });
        continue;
      }
      const r = value ? (value as unknown as Runnable)._zod.run({ value: input[k], issues: [] }, ctx) : { value: input[k], issues: [] };
      for (const iss of r.issues) {
        (iss.path ??= []).unshift(k);
        payload.issues.push(iss as never);
      }
      out[k] = r.value;
    }
    payload.value = out as Record<string, V>;
  }));
}
