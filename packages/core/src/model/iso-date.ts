// The model's date rule on its own (no schema code): the schemas' IsoDateTime refines with it,
// and the store's move rules check won / lost dates with it (through the schemas' re-export).

// Every record carries several dates and a sync validates hundreds of thousands of records, so
// this is a character-level check (a regex plus Date.parse cost a third of a 100k-account sync).
const digit = (c: number) => c >= 48 && c <= 57;
function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k);
    if (!digit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD`, optionally `T`/space `hh:mm[:ss[.fff…]]` and `Z` or `±hh[:]mm`; calendar-checked. */
export function isIsoDateTime(s: string): boolean {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = num(s, 0, 4), m = num(s, 5, 2), d = num(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > monthDays[m - 1]) return false;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  if (len === 10) return true;
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || len < 16 || s.charCodeAt(13) !== 58) return false;
  const hh = num(s, 11, 2), mm = num(s, 14, 2);
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59) return false;
  let i = 16;
  if (i < len && s.charCodeAt(i) === 58) {
    const ss = num(s, i + 1, 2);
    if (ss < 0 || ss > 60) return false;
    i += 3;
    if (i < len && s.charCodeAt(i) === 46) {
      i++;
      const start = i;
      while (i < len && digit(s.charCodeAt(i))) i++;
      if (i === start) return false;
    }
  }
  if (i === len) return true;
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === len;
  if (z !== 43 && z !== 45) return false;
  const oh = num(s, i + 1, 2);
  if (oh < 0 || oh > 14) return false;
  const rest = s.slice(i + 3);
  return rest === '' || /^:?[0-5]\d$/.test(rest);
}
