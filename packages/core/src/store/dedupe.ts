// Dedupe and merge of accounts that arrive from several sources. Two accounts are the same
// company when they share a source id (same system, same id), or when their normalised names are
// equal AND a strong key corroborates it (same tax id, or same web domain). A name alone never
// merges: two "Acme" in different countries are different customers. Accounts whose tax ids are
// both present and differ are never merged (subsidiaries often share a domain).
//
// Merging keeps one surviving record; every field of every merged record is accounted for in the
// report, and every value that lost is kept in `custom.mergedValues[field]` so nothing is dropped.
import type { Account, Book, EntityKind } from '../model/schemas.js';
import { normalizeCompanyName, normalizeDomain, normalizeTaxId } from '../model/normalize.js';

export type MergeRule = 'source_id' | 'name_tax_id' | 'name_domain';

export interface MergeOptions {
  /** Which rules may merge; default all three. */
  rules?: MergeRule[];
  /** Source systems in order of trust (`['kingdee', 'salesforce']`): their record survives. */
  prefer?: string[];
  /** Related records to re-point at the surviving account id. */
  related?: Partial<Book>;
}

export interface FieldDecision {
  field: string;
  /** The value the surviving record carries. */
  value: unknown;
  /** Id of the record the value came from. */
  from: string;
  reason: 'agreed' | 'survivor' | 'filled_gap' | 'union';
  /** Every different value that lost, with the record it came from (kept in custom.mergedValues). */
  conflicts: Array<{ id: string; value: unknown }>;
}

export interface MergeMatch {
  a: string;
  b: string;
  rule: MergeRule;
  /** The key both shared, e.g. `salesforce:001A`, `华为技术 + 91440300…`, `acme + acme.com`. */
  key: string;
}

export interface MergeGroup {
  survivorId: string;
  /** Ids merged into the survivor (not including it). */
  mergedIds: string[];
  /** Why the survivor was chosen. */
  survivorReason: string;
  matches: MergeMatch[];
  fields: FieldDecision[];
}

export interface MergeReport {
  groups: MergeGroup[];
  /** Old id → surviving id, for every merged account. */
  idMap: Record<string, string>;
  /** Related records re-pointed, per kind. */
  repointed: Partial<Record<EntityKind, number>>;
  /** Pairs with the same normalised name that were NOT merged, and why. */
  skipped: Array<{ a: string; b: string; reason: string }>;
}

export interface MergeResult {
  accounts: Account[];
  report: MergeReport;
  /** The related collections given, with account ids re-pointed (unchanged records kept as is). */
  related: Partial<Book>;
}

function domainOf(a: Account): string | undefined {
  return normalizeDomain(a.domain) ?? normalizeDomain(a.website);
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): boolean {
    const x = this.find(a);
    const y = this.find(b);
    if (x === y) return false;
    this.parent[Math.max(x, y)] = Math.min(x, y);
    return true;
  }
}

function filled(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Merges duplicate accounts; see the file comment for the rules. Input records are not mutated. */
export function mergeAccounts(accounts: readonly Account[], opts: MergeOptions = {}): MergeResult {
  const rules = new Set<MergeRule>(opts.rules ?? ['source_id', 'name_tax_id', 'name_domain']);
  const n = accounts.length;
  const uf = new UnionFind(n);
  const matches: MergeMatch[] = [];
  const skipped: MergeReport['skipped'] = [];
  const names = accounts.map((a) => normalizeCompanyName(a.name));
  const taxes = accounts.map((a) => normalizeTaxId(a.taxId));
  const domains = accounts.map(domainOf);

  const bucketUnion = (rule: MergeRule, keyOf: (i: number) => string[] | undefined) => {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      for (const key of keyOf(i) ?? []) {
        const j = first.get(key);
        if (j === undefined) { first.set(key, i); continue; }
        if (rule === 'name_domain' && taxes[i] && taxes[j] && taxes[i] !== taxes[j]) {
          skipped.push({ a: accounts[j].id, b: accounts[i].id, reason: `same name and domain (${key}) but different tax ids ${taxes[j]} / ${taxes[i]}` });
          continue;
        }
        matches.push({ a: accounts[j].id, b: accounts[i].id, rule, key });
        uf.union(i, j);
      }
    }
  };
  if (rules.has('source_id')) {
    bucketUnion('source_id', (i) => Object.entries(accounts[i].sourceIds ?? {}).map(([sys, id]) => `${sys}:${id}`));
  }
  if (rules.has('name_tax_id')) {
    bucketUnion('name_tax_id', (i) => (names[i] && taxes[i] ? [`${names[i]} + ${taxes[i]}`] : undefined));
  }
  if (rules.has('name_domain')) {
    bucketUnion('name_domain', (i) => (names[i] && domains[i] ? [`${names[i]} + ${domains[i]}`] : undefined));
  }

  // Same normalised name, not merged: tell the reviewer why.
  const byName = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!names[i]) continue;
    const j = byName.get(names[i]);
    if (j === undefined) byName.set(names[i], i);
    else if (uf.find(i) !== uf.find(j) && !skipped.some((s) => s.b === accounts[i].id)) {
      skipped.push({ a: accounts[j].id, b: accounts[i].id, reason: `same normalised name "${names[i]}" but no shared tax id or domain to confirm it` });
    }
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    let m = members.get(r);
    if (!m) members.set(r, (m = []));
    m.push(i);
  }

  const idMap: Record<string, string> = {};
  const groups: MergeGroup[] = [];
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const m = members.get(uf.find(i))!;
    if (m[0] !== i) continue; // emitted with its group's first member
    if (m.length === 1) { out.push(accounts[i]); continue; }
    const recs = m.map((k) => accounts[k]);
    const { survivor, reason } = pickSurvivor(recs, opts.prefer ?? []);
    const ordered = [survivor, ...recs.filter((r) => r !== survivor).sort(byRecency)];
    const { merged, fields } = mergeFields(ordered);
    out.push(merged);
    const ids = new Set(recs.map((r) => r.id));
    groups.push({
      survivorId: survivor.id,
      mergedIds: recs.filter((r) => r !== survivor).map((r) => r.id),
      survivorReason: reason,
      matches: matches.filter((x) => ids.has(x.a) && ids.has(x.b)),
      fields,
    });
    for (const r of recs) if (r !== survivor) idMap[r.id] = survivor.id;
  }

  // Re-point hierarchies and related records at the survivors.
  const repointed: MergeReport['repointed'] = {};
  for (let i = 0; i < out.length; i++) {
    const p = out[i].parentId;
    if (p && idMap[p]) {
      const next = { ...out[i] };
      if (idMap[p] === next.id) delete next.parentId;
      else next.parentId = idMap[p];
      out[i] = next;
      repointed.accounts = (repointed.accounts ?? 0) + 1;
    }
  }
  const related: Partial<Book> = {};
  for (const [kind, list] of Object.entries(opts.related ?? {}) as Array<[keyof Book, unknown[]]>) {
    if (kind === 'accounts' || kind === 'pipelines' || !Array.isArray(list)) continue;
    let count = 0;
    const next = list.map((r) => {
      const acc = (r as { accountId?: string }).accountId;
      if (acc && idMap[acc]) {
        count++;
        return { ...(r as object), accountId: idMap[acc] };
      }
      return r;
    });
    (related as Record<string, unknown>)[kind] = next;
    if (count) repointed[kind as EntityKind] = count;
  }

  return { accounts: out, report: { groups, idMap, repointed, skipped }, related };
}

function byRecency(a: Account, b: Account): number {
  return (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '');
}

function completeness(a: Account): number {
  let c = 0;
  for (const v of Object.values(a)) if (filled(v)) c++;
  return c;
}

function pickSurvivor(recs: Account[], prefer: string[]): { survivor: Account; reason: string } {
  for (const sys of prefer) {
    const hit = recs.find((r) => r.sourceIds && sys in r.sourceIds);
    if (hit) return { survivor: hit, reason: `comes from the preferred source "${sys}"` };
  }
  const best = [...recs].sort((a, b) => completeness(b) - completeness(a) || byRecency(a, b) || (a.id < b.id ? -1 : 1))[0];
  return { survivor: best, reason: 'has the most fields filled in (ties: most recently updated)' };
}

const SKIP = new Set(['id', 'tags', 'sourceIds', 'custom']);

function mergeFields(ordered: Account[]): { merged: Account; fields: FieldDecision[] } {
  const [survivor] = ordered;
  const merged: Record<string, unknown> = { ...survivor };
  const fields: FieldDecision[] = [];
  const mergedValues: Record<string, Array<{ id: string; value: unknown }>> = {};
  const keys = new Set<string>();
  for (const r of ordered) for (const k of Object.keys(r)) if (!SKIP.has(k)) keys.add(k);
  for (const k of keys) {
    const holders = ordered.filter((r) => filled((r as Record<string, unknown>)[k]));
    if (holders.length === 0) continue;
    const winner = holders[0];
    const value = (winner as Record<string, unknown>)[k];
    const conflicts: Array<{ id: string; value: unknown }> = [];
    for (const h of holders.slice(1)) {
      const v = (h as Record<string, unknown>)[k];
      if (!same(v, value) && !conflicts.some((c) => same(c.value, v))) conflicts.push({ id: h.id, value: v });
    }
    merged[k] = value;
    const reason: FieldDecision['reason'] = conflicts.length === 0 && holders.length > 1 ? 'agreed' : winner === survivor ? 'survivor' : 'filled_gap';
    fields.push({ field: k, value, from: winner.id, reason, conflicts });
    if (conflicts.length) mergedValues[k] = conflicts;
  }
  // Tags and source ids: unions. A system with two different ids keeps both (one in mergedValues).
  const tags = [...new Set(ordered.flatMap((r) => r.tags ?? []))];
  merged.tags = tags;
  fields.push({ field: 'tags', value: tags, from: survivor.id, reason: 'union', conflicts: [] });
  const sourceIds: Record<string, string> = {};
  const sourceConflicts: Array<{ id: string; value: unknown }> = [];
  for (const r of ordered) {
    for (const [sys, sid] of Object.entries(r.sourceIds ?? {})) {
      if (!(sys in sourceIds)) sourceIds[sys] = sid;
      else if (sourceIds[sys] !== sid) sourceConflicts.push({ id: r.id, value: { [sys]: sid } });
    }
  }
  merged.sourceIds = sourceIds;
  fields.push({ field: 'sourceIds', value: sourceIds, from: survivor.id, reason: 'union', conflicts: sourceConflicts });
  if (sourceConflicts.length) mergedValues.sourceIds = sourceConflicts;
  // Custom fields: key by key, the same way.
  const custom: Record<string, unknown> = {};
  for (const r of ordered) {
    for (const [ck, cv] of Object.entries(r.custom ?? {})) {
      if (ck === 'mergedValues' || ck === 'mergedFrom') continue;
      const path = `custom.${ck}`;
      if (!(ck in custom) || !filled(custom[ck])) {
        const had = ck in custom;
        custom[ck] = cv;
        if (!had) fields.push({ field: path, value: cv, from: r.id, reason: r === survivor ? 'survivor' : 'filled_gap', conflicts: [] });
      } else if (!same(custom[ck], cv)) {
        const d = fields.find((f) => f.field === path)!;
        if (!d.conflicts.some((c) => same(c.value, cv))) d.conflicts.push({ id: r.id, value: cv });
        (mergedValues[path] ??= []).push({ id: r.id, value: cv });
      }
    }
  }
  // Values merged in earlier rounds survive too.
  for (const r of ordered) {
    const prior = r.custom?.mergedValues as Record<string, Array<{ id: string; value: unknown }>> | undefined;
    if (prior && typeof prior === 'object') for (const [f, list] of Object.entries(prior)) (mergedValues[f] ??= []).push(...list);
  }
  const mergedFrom = [...new Set([...ordered.slice(1).map((r) => r.id), ...ordered.flatMap((r) => (r.custom?.mergedFrom as string[] | undefined) ?? [])])];
  custom.mergedFrom = mergedFrom;
  if (Object.keys(mergedValues).length) custom.mergedValues = mergedValues;
  merged.custom = custom;
  return { merged: merged as Account, fields };
}

/** Merges a load's duplicate accounts and re-points their related records: what `Store` runs on load. */
export type AccountDeduper = (accounts: readonly Account[], related: Partial<Book>) => MergeResult;

/** The Store's `dedupe` option: `new Store({ source, dedupe: dedupeAccounts({ prefer: ['kingdee'] }) })`. */
export function dedupeAccounts(opts: Omit<MergeOptions, 'related'> = {}): AccountDeduper {
  return (accounts, related) => mergeAccounts(accounts, { ...opts, related });
}
