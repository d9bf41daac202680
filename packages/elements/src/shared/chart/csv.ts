// CSV export of a chart's data table: RFC 4180 quoting (fields with a comma, quote, CR or LF
// are quoted, quotes doubled, CRLF line ends) and a formula-injection guard: a text cell that
// starts with = + - @ (or a tab / CR, which some spreadsheets strip first) gets a leading `'`
// so a spreadsheet shows it as text instead of running it. Numbers are written as numbers.
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let s: string;
  if (typeof cell === 'number') s = Number.isFinite(cell) ? String(cell) : '';
  else {
    s = cell;
    if (formulaStart.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly CsvCell[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
