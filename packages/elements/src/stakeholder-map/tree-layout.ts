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
  /** The level height × (depth + the row it is wrapped to). */
  y: number;
  /** Set on a person wrapped into rows under a manager with more reports than fit side by side: the row, from 0. */
  row?: number;
}

/** Outline of a subtree: per level below its root, [leftmost, rightmost] centre relative to the root. */
type Outline = Array<[number, number]>;

/**
 * Lays out the tree under `root`: siblings `dx` apart, neighbours with different managers
 * 1.2 × `dx` apart, levels `dy` apart. Reports with no reports of their own, when a manager has
 * more than `cols` of them, are wrapped into rows of `cols` (after their siblings with reports,
 * the manager centred over them; with one column, half a step to its left, so the line down from
 * the manager runs beside the column, not through it), so a wide committee grows down, not out of
 * its box. Returns
 * every node but the root, breadth first.
 */
export function tidyTree<T>(root: TreeNode<T>, dx: number, dy: number, cols = Infinity): TreeNode<T>[] {
  const offset = new Map<TreeNode<T>, number>(); // x relative to the parent
  const rows = new Map<TreeNode<T>, number>();
  const outline = (n: TreeNode<T>): Outline => {
    const merged: Outline = [];
    const leaves = n.children.filter((k) => !k.children.length);
    const wrap = leaves.length > cols;
    if (wrap) n.children.sort((a, b) => +!a.children.length - +!b.children.length); // stable: the order stays within each kind
    // Each part: its people with their x in the part, and the part's outline; a wrapped person's row in `rows`.
    const parts: Array<[Array<[TreeNode<T>, number]>, Outline]> = n.children.filter((k) => !wrap || k.children.length)
      .map((k) => [[[k, 0]], outline(k)]);
    if (wrap) {
      const grid: Outline = [];
      parts.push([leaves.map((k, i) => {
        const r = Math.floor(i / cols);
        grid[r] = [0, (i % cols) * dx];
        rows.set(k, r);
        return [k, (i % cols) * dx];
      }), grid]);
    }
    const at = parts.map(([, o], i) => {
      // Place this part just clear of the ones on its left, level by level.
      let shift = 0;
      if (i) {
        shift = -Infinity;
        for (let d = 0; d < Math.min(o.length, merged.length); d++) shift = Math.max(shift, merged[d][1] - o[d][0] + (d ? 1.2 * dx : dx));
      }
      o.forEach(([l, r], d) => { merged[d] = [merged[d]?.[0] ?? l + shift, r + shift]; });
      return shift;
    });
    const last = at.length - 1;
    const mid = wrap ? at[last] + (cols - 1 || -1) * dx / 2 : at.length ? (at[0] + at[last]) / 2 : 0;
    parts.forEach(([ks], i) => ks.forEach(([k, x]) => offset.set(k, at[i] + x - mid)));
    return [[0, 0], ...merged.map(([l, r]): [number, number] => [l - mid, r - mid])];
  };
  outline(root);
  root.x = root.y = root.depth = 0;
  const out: TreeNode<T>[] = [];
  for (let i = -1, n = root; n; n = out[++i]) {
    for (const k of n.children) {
      k.row = rows.get(k);
      k.depth = n.depth + 1;
      k.x = n.x + offset.get(k)!;
      k.y = n.y + (1 + (k.row ?? 0)) * dy;
      out.push(k);
    }
  }
  return out;
}
