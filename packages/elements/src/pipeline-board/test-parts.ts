// Test helper (never shipped): runs a block while one of the board's lazily loaded parts cannot be
// fetched, as when offline or after a redeploy.
import { partLoaders, type PartName } from './parts.js';

/** Runs `fn` while the part's loader fails; returns what console.warn was given meanwhile (and keeps it off the console). */
export async function withFailingPart(name: PartName, fn: () => Promise<void>): Promise<string[]> {
  const loaders = partLoaders as Record<PartName, () => Promise<unknown>>;
  const real = loaders[name];
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
  loaders[name] = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  try {
    await fn();
  } finally {
    console.warn = warn;
    loaders[name] = real;
  }
  return warnings;
}
