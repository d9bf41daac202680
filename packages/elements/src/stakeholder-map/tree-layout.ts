// The influence map's tidy tree: each person under their manager, a manager centred over their
// reports, and sibling subtrees packed side by side as close as their outlines allow (the
// Reingold–Tilford idea). Written here rather than taken from d3-hierarchy: its node class, with
// every traversal method attached, came to 5.5 KB minified for the one layout the map needs.

export interface TreeNode<T> {
  data: T;
  parent?: TreeNode<T>;
  /** In display order (the caller sorts them). */
  children: TreeNode<T>[];
  /** 0 for the root. */
  depth: number;
  /** Centre of the node, the root at 0. */
  x: number;
  /** depth × the level height. */
  y: number;
}

/** Outline of a subtree: per level below its root, [leftmost, rightmost] centre relative to the root. */
type Outline = Array<[number, number]>;

/**
 * Lays out the tree under `root`: siblings `dx` apart, neighbours with different managers
 * 1.2 × `dx` apart, levels `dy` apart. Returns every node but the root, breadth first.
 */
export function tidyTree<T>(root: TreeNode<T>, dx: number, dy: number): TreeNode<T>[] {
  const offset = new Map<TreeNode<T>, number>(); // x relative to the parent
  const outline = (n: TreeNode<T>): Outline => {
    const merged: Outline = [];
    const at = n.children.map((k, i) => {
      const o = outline(k);
      // Place this subtree just clear of the ones on its left, level by level.
      let shift = 0;
      if (i) {
        shift = -Infinity;
        for (let d = 0; d < Math.min(o.length, merged.length); d++) shift = Math.max(shift, merged[d][1] - o[d][0] + (d ? 1.2 * dx : dx));
      }
      o.forEach(([l, r], d) => { merged[d] = [merged[d]?.[0] ?? l + shift, r + shift]; });
      return shift;
    });
    const mid = at.length ? (at[0] + at[at.length - 1]) / 2 : 0;
    n.children.forEach((k, i) => offset.set(k, at[i] - mid));
    return [[0, 0], ...merged.map(([l, r]): [number, number] => [l - mid, r - mid])];
  };
  outline(root);
  root.x = root.y = root.depth = 0;
  const out: TreeNode<T>[] = [];
  for (let i = -1, n = root; n; n = out[++i]) {
    for (const k of n.children) {
      k.depth = n.depth + 1;
      k.x = n.x + offset.get(k)!;
      k.y = k.depth * dy;
      out.push(k);
    }
  }
  return out;
}
