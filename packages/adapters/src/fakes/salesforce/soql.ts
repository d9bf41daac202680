// The SOQL subset the Salesforce fake understands — what our adapter sends and what jsforce's
// query builder produces: SELECT fields (and COUNT()) FROM object, WHERE with comparisons,
// IN / NOT IN, LIKE, AND / OR / NOT and parentheses, ORDER BY (ASC / DESC, NULLS FIRST / LAST),
// LIMIT, OFFSET. Parent relationship fields (`Account.Name`) are allowed in SELECT.

export type SoqlValue = string | number | boolean | null | { datetime: number } | { date: string };

export type SoqlExpr =
  | { t: 'and' | 'or'; a: SoqlExpr; b: SoqlExpr }
  | { t: 'not'; e: SoqlExpr }
  | { t: 'cmp'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: SoqlValue }
  | { t: 'in'; field: string; values: SoqlValue[]; not: boolean }
  | { t: 'like'; field: string; pattern: string };

export interface SoqlQuery {
  fields: string[];
  count: boolean;
  object: string;
  where?: SoqlExpr;
  orderBy: Array<{ field: string; desc: boolean; nullsLast: boolean }>;
  limit?: number;
  offset?: number;
}

export class SoqlError extends Error {
  constructor(message: string, readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' = 'MALFORMED_QUERY') {
    super(message);
  }
}

type Tok = { k: 'id' | 'str' | 'num' | 'dt' | 'date' | 'op' | 'p'; v: string; at: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;

function tokenize(soql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i];
    if (/\s/.test(c)) { i++; continue; }
    const rest = soql.slice(i);
    let m: RegExpExecArray | null;
    if ((m = DATETIME.exec(rest))) { out.push({ k: 'dt', v: m[0], at: i }); i += m[0].length; continue; }
    if ((m = DATE.exec(rest))) { out.push({ k: 'date', v: m[0], at: i }); i += m[0].length; continue; }
    if (c === "'") {
      let s = '';
      let j = i + 1;
      for (; j < soql.length && soql[j] !== "'"; j++) {
        if (soql[j] === '\\') {
          j++;
          const e = soql[j];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else s += soql[j];
      }
      if (j >= soql.length) throw new SoqlError(`unterminated string literal at position ${i}`);
      out.push({ k: 'str', v: s, at: i });
      i = j + 1;
      continue;
    }
    if ((m = /^-?\d+(\.\d+)?/.exec(rest))) { out.push({ k: 'num', v: m[0], at: i }); i += m[0].length; continue; }
    if ((m = /^[A-Za-z_][\w.]*(:\d+)?/.exec(rest))) { out.push({ k: 'id', v: m[0], at: i }); i += m[0].length; continue; }
    if ((m = /^(<=|>=|!=|<>|=|<|>)/.exec(rest))) { out.push({ k: 'op', v: m[0] === '<>' ? '!=' : m[0], at: i }); i += m[0].length; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ k: 'p', v: c, at: i }); i++; continue; }
    throw new SoqlError(`unexpected character '${c}' at position ${i}`);
  }
  return out;
}

export function parseSoql(soql: string): SoqlQuery {
  const toks = tokenize(soql);
  let p = 0;
  const peek = () => toks[p];
  const kw = (word: string) => peek()?.k === 'id' && peek().v.toUpperCase() === word;
  const expectKw = (word: string) => {
    if (!kw(word)) throw new SoqlError(`expected ${word}${peek() ? ` at position ${peek().at}, found '${peek().v}'` : ' before the end of the query'}`);
    p++;
  };
  const expectP = (v: string) => {
    if (peek()?.k !== 'p' || peek().v !== v) throw new SoqlError(`expected '${v}'${peek() ? ` at position ${peek().at}` : ''}`);
    p++;
  };
  const ident = (what: string) => {
    const t = peek();
    if (t?.k !== 'id') throw new SoqlError(`expected ${what}${t ? ` at position ${t.at}, found '${t.v}'` : ''}`);
    p++;
    return t.v;
  };

  expectKw('SELECT');
  const fields: string[] = [];
  let count = false;
  for (;;) {
    if (kw('COUNT') && toks[p + 1]?.v === '(') {
      p++; expectP('('); expectP(')');
      count = true;
    } else {
      fields.push(ident('a field name'));
    }
    if (peek()?.k === 'p' && peek().v === ',') { p++; continue; }
    break;
  }
  expectKw('FROM');
  const object = ident('an object name');

  const value = (): SoqlValue => {
    const t = peek();
    if (!t) throw new SoqlError('expected a value before the end of the query');
    p++;
    if (t.k === 'str') return t.v;
    if (t.k === 'num') return Number(t.v);
    if (t.k === 'dt') return { datetime: Date.parse(t.v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) };
    if (t.k === 'date') return { date: t.v };
    if (t.k === 'id') {
      const u = t.v.toUpperCase();
      if (u === 'TRUE') return true;
      if (u === 'FALSE') return false;
      if (u === 'NULL') return null;
      const day = 86_400_000;
      const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
      if (u === 'TODAY') return { date: new Date(today).toISOString().slice(0, 10) };
      if (u === 'YESTERDAY') return { date: new Date(today - day).toISOString().slice(0, 10) };
      const m = /^LAST_N_DAYS:(\d+)$/.exec(u);
      if (m) return { date: new Date(today - Number(m[1]) * day).toISOString().slice(0, 10) };
    }
    throw new SoqlError(`unexpected '${t.v}' at position ${t.at}: expected a value`);
  };

  const factor = (): SoqlExpr => {
    if (kw('NOT')) { p++; return { t: 'not', e: factor() }; }
    if (peek()?.k === 'p' && peek().v === '(') {
      p++;
      const e = expr();
      expectP(')');
      return e;
    }
    const field = ident('a field name');
    if (kw('IN') || (kw('NOT') && toks[p + 1]?.v.toUpperCase() === 'IN')) {
      const not = kw('NOT');
      if (not) p++;
      p++;
      expectP('(');
      const values: SoqlValue[] = [value()];
      while (peek()?.v === ',') { p++; values.push(value()); }
      expectP(')');
      return { t: 'in', field, values, not };
    }
    if (kw('LIKE')) {
      p++;
      const v = value();
      if (typeof v !== 'string') throw new SoqlError('LIKE needs a string pattern');
      return { t: 'like', field, pattern: v };
    }
    const op = peek();
    if (op?.k !== 'op') throw new SoqlError(`expected an operator after ${field}${op ? ` at position ${op.at}` : ''}`);
    p++;
    return { t: 'cmp', field, op: op.v as '=', value: value() };
  };
  const term = (): SoqlExpr => {
    let a = factor();
    while (kw('AND')) { p++; a = { t: 'and', a, b: factor() }; }
    return a;
  };
  const expr = (): SoqlExpr => {
    let a = term();
    while (kw('OR')) { p++; a = { t: 'or', a, b: term() }; }
    return a;
  };

  const q: SoqlQuery = { fields, count, object, orderBy: [] };
  if (kw('WHERE')) { p++; q.where = expr(); }
  if (kw('ORDER')) {
    p++;
    expectKw('BY');
    for (;;) {
      const field = ident('a field to order by');
      let desc = false;
      if (kw('ASC')) p++;
      else if (kw('DESC')) { p++; desc = true; }
      let nullsLast = desc;
      if (kw('NULLS')) {
        p++;
        if (kw('FIRST')) { p++; nullsLast = false; } else { expectKw('LAST'); nullsLast = true; }
      }
      q.orderBy.push({ field, desc, nullsLast });
      if (peek()?.v === ',') { p++; continue; }
      break;
    }
  }
  if (kw('LIMIT')) {
    p++;
    const t = peek();
    if (t?.k !== 'num') throw new SoqlError('LIMIT needs a number');
    p++;
    q.limit = Number(t.v);
  }
  if (kw('OFFSET')) {
    p++;
    const t = peek();
    if (t?.k !== 'num') throw new SoqlError('OFFSET needs a number');
    p++;
    q.offset = Number(t.v);
  }
  if (p < toks.length) throw new SoqlError(`unexpected token '${toks[p].v}' at position ${toks[p].at}`);
  return q;
}

/** Everything a WHERE clause names (for field validation). */
export function fieldsOf(e: SoqlExpr | undefined, out: string[] = []): string[] {
  if (!e) return out;
  if (e.t === 'cmp' || e.t === 'in' || e.t === 'like') out.push(e.field);
  else if (e.t === 'not') fieldsOf(e.e, out);
  else { fieldsOf(e.a, out); fieldsOf(e.b, out); }
  return out;
}

export type FieldType = 'id' | 'string' | 'datetime' | 'date' | 'number' | 'boolean';

function comparable(v: unknown, type: FieldType): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return typeof v === 'string' ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : (v as number);
  if (type === 'number') return Number(v);
  if (type === 'boolean') return Boolean(v);
  if (type === 'string' || type === 'id') return String(v).toLowerCase();
  return String(v);
}

function literal(v: SoqlValue, type: FieldType): number | string | boolean | null {
  if (v === null) return null;
  if (typeof v === 'object' && 'datetime' in v) return type === 'date' ? new Date(v.datetime).toISOString().slice(0, 10) : v.datetime;
  if (typeof v === 'object' && 'date' in v) return type === 'datetime' ? Date.parse(`${v.date}T00:00:00Z`) : v.date;
  if (type === 'string' || type === 'id') return String(v).toLowerCase();
  return v as number | boolean | string;
}

/** Evaluates a WHERE clause on a record; `typeOf` gives each field's type. */
export function evaluate(e: SoqlExpr, rec: Record<string, unknown>, typeOf: (field: string) => FieldType): boolean {
  switch (e.t) {
    case 'and': return evaluate(e.a, rec, typeOf) && evaluate(e.b, rec, typeOf);
    case 'or': return evaluate(e.a, rec, typeOf) || evaluate(e.b, rec, typeOf);
    case 'not': return !evaluate(e.e, rec, typeOf);
    case 'in': {
      const type = typeOf(e.field);
      const v = comparable(rec[e.field], type);
      const hit = e.values.some((x) => literal(x, type) === v);
      return e.not ? !hit : hit;
    }
    case 'like': {
      const v = rec[e.field];
      if (v === null || v === undefined) return false;
      const re = new RegExp(`^${e.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
      return re.test(String(v));
    }
    case 'cmp': {
      const type = typeOf(e.field);
      const a = comparable(rec[e.field], type);
      const b = literal(e.value, type);
      if (e.op === '=') return a === b;
      if (e.op === '!=') return a !== b;
      if (a === null || b === null) return false;
      if (e.op === '<') return a < b;
      if (e.op === '<=') return a <= b;
      if (e.op === '>') return a > b;
      return a >= b;
    }
  }
}

export function compareBy(order: SoqlQuery['orderBy'], typeOf: (field: string) => FieldType) {
  return (x: Record<string, unknown>, y: Record<string, unknown>): number => {
    for (const o of order) {
      const type = typeOf(o.field);
      const a = comparable(x[o.field], type);
      const b = comparable(y[o.field], type);
      if (a === b) continue;
      if (a === null) return o.nullsLast ? 1 : -1;
      if (b === null) return o.nullsLast ? -1 : 1;
      const c = a < b ? -1 : 1;
      return o.desc ? -c : c;
    }
    return 0;
  };
}
