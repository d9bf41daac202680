// A polyline as SVG path data, the way d3-shape's line() with its default linear curve writes it
// through d3-path's pathRound(3) (coordinates rounded to 3 decimals; a gap at undefined points; a
// lone point between gaps is `M…Z`): d3-shape's and d3-path's single-file builds do not
// tree-shake (line() alone costs ~16 KB minified, pathRound ~2.5 KB). scale.test.ts checks it
// against d3-shape.
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function linePath<T>(points: readonly T[], x: (p: T) => number, y: (p: T) => number, defined: (p: T) => boolean = () => true): string {
  let d = '', run = 0; // points in the current unbroken run
  for (const pt of points) {
    if (defined(pt)) d += `${run++ ? 'L' : 'M'}${r3(+x(pt))},${r3(+y(pt))}`;
    else {
      if (run === 1) d += 'Z';
      run = 0;
    }
  }
  if (run === 1) d += 'Z';
  return d;
}
