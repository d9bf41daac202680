// Configurable field mapping, so an ISV can put the REST adapter over an ERP whose records say
// `customer_name` where the model says `name`. Paths are dotted on both sides
// (`amount.amount` ↔ `deal_value`), an optional converter pair handles units and codes, and
// every field without a rule passes through under its own name (the identity mapping).
import type { EntityKind } from '@kamkit/core';

export interface FieldRuleObject {
  /** The field's path on the wire, e.g. `customer_name` or `money.value`. */
  field: string;
  /** Wire value → model value (e.g. cents → units, `'Y'` → `true`). */
  toModel?: (value: unknown, wireRecord: Record<string, unknown>) => unknown;
  /** Model value → wire value. */
  toWire?: (value: unknown) => unknown;
}

/** A model field path → its wire field path, or a rule with converters. */
export type FieldRule = string | FieldRuleObject;

/** Per entity kind (and `pipelines`): model path → rule. Kinds without rules use the identity mapping. */
export type FieldMapping = Partial<Record<EntityKind | 'pipelines', Record<string, FieldRule>>>;

export interface FieldMapper {
  /** True when no kind has a rule (records pass through untouched). */
  readonly identity: boolean;
  toModel(kind: EntityKind | 'pipelines', wire: unknown): unknown;
  toWire(kind: EntityKind | 'pipelines', model: Record<string, unknown>): Record<string, unknown>;
  /** The wire name of a model field path (for filters and sorting). */
  wireField(kind: EntityKind | 'pipelines', modelPath: string): string;
  /** The model path of a wire field name (the inverse of `wireField`). */
  modelField(kind: EntityKind | 'pipelines', wirePath: string): string;
}

type Compiled = Array<{ model: string[]; wire: string[]; toModel?: FieldRuleObject['toModel']; toWire?: FieldRuleObject['toWire'] }>;

function getPath(o: unknown, path: string[]): unknown {
  let v = o;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function hasPath(o: unknown, path: string[]): boolean {
  let v = o;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !(k in (v as object))) return false;
    v = (v as Record<string, unknown>)[k];
  }
  return true;
}

function setPath(o: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = o;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur[path[i]];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[path[i]] = {};
    else cur[path[i]] = { ...(next as Record<string, unknown>) };
    cur = cur[path[i]] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

function deletePath(o: Record<string, unknown>, path: string[]): void {
  if (path.length === 1) {
    delete o[path[0]];
    return;
  }
  const parent = o[path[0]];
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return;
  const copy = { ...(parent as Record<string, unknown>) };
  deletePath(copy, path.slice(1));
  if (Object.keys(copy).length) o[path[0]] = copy;
  else delete o[path[0]];
}

function apply(rules: Compiled, src: Record<string, unknown>, from: 'wire' | 'model'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...src };
  const moves: Array<[string[], unknown]> = [];
  for (const r of rules) {
    const fromPath = from === 'wire' ? r.wire : r.model;
    const toPath = from === 'wire' ? r.model : r.wire;
    if (!hasPath(src, fromPath)) continue;
    let v = getPath(src, fromPath);
    const conv = from === 'wire' ? r.toModel : r.toWire;
    if (conv) v = from === 'wire' ? r.toModel!(v, src) : r.toWire!(v);
    deletePath(out, fromPath);
    moves.push([toPath, v]);
  }
  for (const [p, v] of moves) if (v !== undefined) setPath(out, p, v);
  return out;
}

export function createFieldMapper(mapping: FieldMapping = {}): FieldMapper {
  const compiled = new Map<string, Compiled>();
  for (const [kind, rules] of Object.entries(mapping)) {
    if (!rules) continue;
    const list: Compiled = Object.entries(rules).map(([model, rule]) => {
      const r = typeof rule === 'string' ? { field: rule } : rule;
      return { model: model.split('.'), wire: r.field.split('.'), toModel: r.toModel, toWire: r.toWire };
    });
    if (list.length) compiled.set(kind, list);
  }
  return {
    identity: compiled.size === 0,
    toModel(kind, wire) {
      const rules = compiled.get(kind);
      if (!rules || wire === null || typeof wire !== 'object' || Array.isArray(wire)) return wire;
      return apply(rules, wire as Record<string, unknown>, 'wire');
    },
    toWire(kind, model) {
      const rules = compiled.get(kind);
      return rules ? apply(rules, model, 'model') : model;
    },
    wireField(kind, modelPath) {
      const r = compiled.get(kind)?.find((x) => x.model.join('.') === modelPath);
      return r ? r.wire.join('.') : modelPath;
    },
    modelField(kind, wirePath) {
      const r = compiled.get(kind)?.find((x) => x.wire.join('.') === wirePath);
      return r ? r.model.join('.') : wirePath;
    },
  };
}
