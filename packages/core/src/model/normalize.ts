// Text normalisation shared by search and dedupe. Chinese CRM data mixes full-width and
// half-width forms (ＡＣＭＥ / ACME, （中国） / (中国)), stray spaces and many ways to write a
// legal-form suffix; these helpers fold all of that away so equal names compare equal.

/** NFKC (full-width → half-width, compatibility forms), lower case, single spaces. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const PUNCT = /[\s\p{P}\p{S}]+/gu;

/** Folds and drops every space, punctuation mark and symbol: `华为技术 有限公司` → `华为技术有限公司`. */
export function compactText(s: string): string {
  return foldText(s).replace(PUNCT, '');
}

// Legal-form suffixes, longest first so `股份有限公司` wins over `有限公司`. Matched on the
// compacted (punctuation-free) name, so `Co., Ltd.` arrives here as `coltd`.
const CN_SUFFIXES = [
  '集团股份有限公司', '集团有限责任公司', '集团有限公司', '股份有限公司', '有限责任公司', '有限公司',
  '控股集团', '集团公司', '分公司', '总公司', '集团', '公司',
];
const EN_SUFFIXES = [
  'corporation', 'incorporated', 'company', 'limited', 'holdings', 'group', 'coltd', 'co', 'ltd', 'inc', 'llc', 'llp',
  'gmbh', 'corp', 'plc', 'pty', 'pte', 'ag', 'sa', 'bv', 'nv', 'kk', 'srl', 'spa', 'oy', 'ab',
];
// Parenthesised region qualifiers: (中国), （上海）, (China), (Shanghai) Co.
const QUALIFIER = /[(（][^()（）]{1,12}[)）]/g;

/**
 * The name two records of the same company share: NFKC, case-folded, region qualifiers such as
 * `(中国)` removed, punctuation and spaces removed, legal-form suffixes (有限公司, 股份有限公司,
 * 集团, Co., Ltd., Inc., LLC, GmbH, Corp …) stripped repeatedly from the end.
 * `华为技术 有限公司` and `华为技术有限公司` → `华为技术`; `Acme Co., Ltd.` and `ACME Inc` → `acme`.
 */
export function normalizeCompanyName(name: string): string {
  const folded = foldText(name).replace(QUALIFIER, ' ');
  // English suffixes are whole words: strip them word by word before compacting.
  let words = folded.split(/[\s,.&/\\\-_'"·]+/).filter(Boolean);
  while (words.length > 1) {
    const last = words[words.length - 1];
    const prevTwo = words.length > 2 ? words[words.length - 2] + last : '';
    if (prevTwo && EN_SUFFIXES.includes(prevTwo)) words = words.slice(0, -2);
    else if (EN_SUFFIXES.includes(last)) words = words.slice(0, -1);
    else break;
  }
  let s = words.join('').replace(PUNCT, '');
  for (let changed = true; changed && s.length > 0; ) {
    changed = false;
    for (const suffix of CN_SUFFIXES) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/**
 * A web domain from a website URL, a bare domain or an e-mail address: lower case, no scheme,
 * no `www.`, no path or port. Free-mail domains (gmail, qq, 163 …) return undefined because
 * they say nothing about the company.
 */
export function normalizeDomain(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  let s = foldText(input);
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#:].*$/, '').replace(/^www\d*\./, '').replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s)) return undefined;
  if (FREE_MAIL.has(s)) return undefined;
  return s;
}

const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'aliyun.com', 'yeah.net', '139.com',
]);

/** A tax id / unified social credit code without width differences, spaces or dashes, upper case. */
export function normalizeTaxId(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s\-_./]+/g, '');
  return s.length > 0 ? s : undefined;
}

/**
 * Does `haystack` match a search text? Every whitespace-separated term must occur (case- and
 * width-insensitive). Chinese has no spaces between words, so a term also matches across the
 * haystack's own spaces: `华为技术` finds `华为 技术有限公司`.
 */
export function searchTerms(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}

export function matchesTerms(haystackFolded: string, terms: readonly string[]): boolean {
  let compact: string | undefined;
  for (const t of terms) {
    if (haystackFolded.includes(t)) continue;
    compact ??= haystackFolded.replace(/\s+/g, '');
    if (!compact.includes(t)) return false;
  }
  return true;
}
