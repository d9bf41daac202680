// The ```ts blocks of a markdown file under the repository, in order: what the docs tests run as a
// reader would copy them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** Every ```ts block of `doc` (a path from the repository's root), without its fences. */
export function tsBlocks(doc: string): string[] {
  return [...readFileSync(join(root, doc), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}
