// The JavaScript type of a value as messages name it ("must be string, got number"). Internal:
// shared by the schemas' own messages and validate.ts's wording of zod's issues.
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v;
}

/** The message of a value of the wrong type (or none) where `expected` belongs. */
export function wrongType(expected: string, input: unknown): string {
  return input === undefined ? `is required (expected ${expected})` : `must be ${expected}, got ${typeName(input)}`;
}
