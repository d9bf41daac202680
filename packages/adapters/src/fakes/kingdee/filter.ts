// The FilterString subset the Kingdee fake evaluates: `Key op literal` joined by AND / OR / NOT
// with parentheses; ops = <> != >= <= > < LIKE, IN (…), IS [NOT] NULL. Keys may carry a
// base-data sub-key (`FCustId.FNumber`). Anything else is a syntax error, as on a real server
// (which hands the string to SQL).

export type Value = string | number | null;
export type Expr =
  | { t: 'and' | 'or'; a: Expr; b: Expr }
  | { t: 'not'; a: Expr }
  | { t: 'cmp'; key: string; op: string; v: Value }
  | { t: 'in'; key: string; vs: Value[]; not: boolean }
  | { t: 'null'; key: string; not: boolean };

type Tok = { k: 'id' | 'str' | 'num' | 'op' | 'lp' | 'rp' | 'comma'; v: string };

export class FilterSyntaxError extends Error {}

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ k: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ k: 'rp', v: c }); i++; continue; }
    if (c === ',') { out.push({ k: 'comma', v: c }); i++; continue; }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= s.length) throw new FilterSyntaxError(`unterminated string at ${i}`);
        if (s[j] === "'") {
          if (s[j + 1] === "'") { v += "'"; j += 2; continue; }
          break;
        }
        v += s[j++];
      }
      out.push({ k: 'str', v });
      i = j + 1;
      continue;
    }
    const op = /^(<>|!=|>=|<=|=|>|<)/.exec(s.slice(i));
    if (op) { out.push({ k: 'op', v: op[1] }); i += op[1].length; continue; }
    const n = /^-?\d+(\.\d+)?/.exec(s.slice(i));
    if (n) { out.push({ k: 'num', v: n[0] }); i += n[0].length; continue; }
    const id = /^[A-Za-z_][\w.]*/.exec(s.slice(i));
    if (id) { out.push({ k: 'id', v: id[0] }); i += id[0].length; continue; }
    throw new FilterSyntaxError(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

export function parseFilter(s: string): Expr | undefined {
  const toks = lex(s);
  if (toks.length === 0) return undefined;
  let p = 0;
  const peek = () => toks[p];
  const kw = (w: string) => peek()?.k === 'id' && peek().v.toUpperCase() === w;
  const expect = (k: Tok['k']) => {
    const t = toks[p++];
    if (!t || t.k !== k) throw new FilterSyntaxError(`expected ${k} near token ${p}`);
    return t;
  };
  const literal = (): Value => {
    const t = toks[p++];
    if (!t) throw new FilterSyntaxError('value missing');
    if (t.k === 'str') return t.v;
    if (t.k === 'num') return Number(t.v);
    if (t.k === 'id' && t.v.toUpperCase() === 'NULL') return null;
    throw new FilterSyntaxError(`expected a value, got ${t.v}`);
  };
  const primary = (): Expr => {
    if (peek()?.k === 'lp') {
      p++;
      const e = or();
      expect('rp');
      return e;
    }
    if (kw('NOT')) { p++; return { t: 'not', a: primary() }; }
    const key = expect('id').v;
    if (kw('IS')) {
      p++;
      const not = kw('NOT') ? (p++, true) : false;
      if (!kw('NULL')) throw new FilterSyntaxError('expected NULL');
      p++;
      return { t: 'null', key, not };
    }
    const not = kw('NOT') ? (p++, true) : false;
    if (kw('IN')) {
      p++;
      expect('lp');
      const vs: Value[] = [literal()];
      while (peek()?.k === 'comma') { p++; vs.push(literal()); }
      expect('rp');
      return { t: 'in', key, vs, not };
    }
    if (kw('LIKE')) {
      p++;
      const e: Expr = { t: 'cmp', key, op: 'LIKE', v: literal() };
      return not ? { t: 'not', a: e } : e;
    }
    if (not) throw new FilterSyntaxError('NOT must precede IN or LIKE');
    const op = expect('op').v;
    return { t: 'cmp', key, op, v: literal() };
  };
  const and = (): Expr => {
    let e = primary();
    while (kw('AND')) { p++; e = { t: 'and', a: e, b: primary() }; }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (kw('OR')) { p++; e = { t: 'or', a: e, b: and() }; }
    return e;
  };
  const e = or();
  if (p !== toks.length) throw new FilterSyntaxError(`unexpected ${toks[p].v}`);
  return e;
}

/** Keys an expression reads, to check them against the form's metadata. */
export function filterKeys(e: Expr | undefined, out: string[] = []): string[] {
  if (!e) return out;
  if (e.t === 'and' || e.t === 'or') {
    filterKeys(e.a, out);
    filterKeys(e.b, out);
  } else if (e.t === 'not') filterKeys(e.a, out);
  else if ('key' in e) out.push(e.key);
  return out;
}

/** Evaluates with `get(key)` giving the row's value (dates as zone-less ISO strings). */
export function evalFilter(e: Expr | undefined, get: (key: string) => Value): boolean {
  if (!e) return true;
  switch (e.t) {
    case 'and': return evalFilter(e.a, get) && evalFilter(e.b, get);
    case 'or': return evalFilter(e.a, get) || evalFilter(e.b, get);
    case 'not': return !evalFilter(e.a, get);
    case 'null': {
      const v = get(e.key);
      const isNull = v === null || v === '' || v === ' ';
      return e.not ? !isNull : isNull;
    }
    case 'in': {
      const v = get(e.key);
      const hit = e.vs.some((x) => compare(v, x) === 0);
      return e.not ? !hit : hit;
    }
    case 'cmp': {
      const v = get(e.key);
      if (e.op === 'LIKE') {
        const re = new RegExp(`^${String(e.v ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'i');
        return re.test(String(v ?? ''));
      }
      const c = compare(v, e.v);
      if (c === undefined) return false;
      switch (e.op) {
        case '=': return c === 0;
        case '<>': case '!=': return c !== 0;
        case '>': return c > 0;
        case '>=': return c >= 0;
        case '<': return c < 0;
        case '<=': return c <= 0;
      }
      return false;
    }
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

function compare(a: Value, b: Value): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x - y;
  }
  if (DATE.test(a) && DATE.test(b)) {
    const x = Date.parse(`${a.replace(' ', 'T')}${a.length === 10 ? 'T00:00:00' : ''}Z`);
    const y = Date.parse(`${b.replace(' ', 'T')}${b.length === 10 ? 'T00:00:00' : ''}Z`);
    return x - y;
  }
  return a.trim().localeCompare(b.trim(), 'en', { sensitivity: 'accent' }) === 0 ? 0 : a < b ? -1 : 1;
}
