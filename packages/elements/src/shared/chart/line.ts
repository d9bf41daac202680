// A polyline as SVG path data on d3-path, the way d3-shape's line() with its default linear curve
// writes it (3 decimals; a gap at undefined points; a lone point between gaps is `M…Z`): d3-shape's
// single-file build does not tree-shake, and line() alone costs ~16 KB minified.
import { pathRound } from 'd3-path';

export function linePath<T>(points: readonly T[], x: (p: T) => number, y: (p: T) => number, defined: (p: T) => boolean = () => true): string {
  const p = pathRound(3);
  let run = 0; // points in the current unbroken run
  for (const pt of points) {
    if (defined(pt)) {
      if (run++) p.lineTo(+x(pt), +y(pt)); else p.moveTo(+x(pt), +y(pt));
    } else {
      if (run === 1) p.closePath();
      run = 0;
    }
  }
  if (run === 1) p.closePath();
  return p.toString();
}
