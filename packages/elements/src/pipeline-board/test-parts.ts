// Test helper (never shipped): runs a block while one of the board's lazily loaded parts cannot be
// fetched, as when offline or after a redeploy.
import type { LazyPart } from '../shared/lazy-part.js';
import { parts, type PartName } from './parts.js';

/** Runs `fn` while the part's loader fails; returns what console.warn was given meanwhile (and keeps it off the console). */
export async function withFailingPart(name: PartName, fn: () => Promise<void>): Promise<string[]> {
  const part: LazyPart<unknown> = parts[name];
  const real = part.load;
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
  part.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  try {
    await fn();
  } finally {
    console.warn = warn;
    part.load = real;
  }
  return warnings;
}
