// The local scales and line against d3 itself (d3-scale, d3-array and d3-shape are used here
// only): the charts must draw the same pixels and the same ticks as they did on d3.
import { expect } from '@open-wc/testing';
import { scaleBand as d3Band, scaleLinear as d3Linear } from 'd3-scale';
import { tickIncrement as d3TickIncrement, ticks as d3Ticks } from 'd3-array';
import { line as d3Line } from 'd3-shape';
import { colorRamp, niceDomain, scaleBand, scaleLinear, tickIncrement, ticks } from './scale.js';
import { linePath } from './line.js';

// What the charts pass (counts, money with negatives, days, shares, retention ratios) and the awkward cases.
const domains: Array<[number, number]> = [
  [0, 1], [0, 7], [0, 10], [0, 13], [0, 1.2], [0, 1.37], [0, 94.5], [0, 101], [0, 1234], [0, 999_999],
  [-42_000, 3_150_000], [-1, 1], [-0.3, 0.7], [0.001, 0.0179], [3, 3], [0, 0], [5, -5], [1e12, 5e13], [-7.5e9, -2e3], [0, 10000], [17, 83],
];
const ranges: Array<[number, number]> = [[0, 320], [208, 12], [44, 628.5]];
const probe = (d: [number, number]) => [d[0], d[1], (d[0] + d[1]) / 2, d[0] - 3.7, d[1] * 1.5 + 1, 0, 1, 0.25, -12.125, 1e6];

describe('scaleLinear (local) equals d3-scale scaleLinear', () => {
  it('maps domain to range the same, bit for bit, including reversed domains and a zero-width domain', () => {
    let n = 0;
    for (const d of domains) for (const r of ranges) {
      const ours = scaleLinear(d, r), theirs = d3Linear().domain(d).range(r);
      for (const v of probe(d)) { expect(ours(v), `${d} → ${r} at ${v}`).to.equal(theirs(v)); n++; }
    }
    expect(n).to.equal(domains.length * ranges.length * 10);
    expect(scaleLinear([0, 10], [0, 100])(2.5)).to.equal(25);
    expect(scaleLinear([0, 10], [200, 0])(12)).to.be.closeTo(-40, 1e-9); // not clamped, as d3's
    expect(scaleLinear([3, 3], [0, 100])(3)).to.equal(50);
  });

  it('nice() widens the domain to the same round values for every tick count', () => {
    for (const d of domains) for (const count of [undefined, 4, 5, 10]) {
      const theirs = d3Linear().domain(d).nice(count).domain();
      expect(niceDomain(d, count), `${d} nice(${count})`).to.deep.equal(theirs);
    }
    expect(niceDomain([0, 94.5])).to.deep.equal([0, 100]);
    expect(niceDomain([-42_000, 3_150_000], 4)).to.deep.equal([-1_000_000, 4_000_000]);
  });

  it('ticks() are the same, before and after nice()', () => {
    for (const d of domains) for (const count of [undefined, 2, 4, 10]) {
      expect(scaleLinear(d, [0, 1]).ticks(count), `${d} ticks(${count})`).to.deep.equal(d3Linear().domain(d).ticks(count));
      const nice = d3Linear().domain(d).nice();
      expect(scaleLinear(niceDomain(d), [0, 1]).ticks(count), `${d} nice ticks(${count})`).to.deep.equal(nice.ticks(count));
    }
    expect(scaleLinear([0, 1.2], [0, 1]).ticks(4)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
  });

  it('keeps its domain and range readable (the funnel reads the range end)', () => {
    const s = scaleLinear([0, 40], [0, 200]);
    expect(s.domain).to.deep.equal([0, 40]);
    expect(s.range).to.deep.equal([0, 200]);
  });
});

describe('ticks and tickIncrement equal d3-array', () => {
  it('give the same values for every domain, reversed domains and odd counts', () => {
    for (const d of domains) for (const count of [0, 0.7, 1, 1.5, 2, 3, 4, 5, 7, 10, 20]) {
      expect(ticks(d[0], d[1], count), `${d} ticks(${count})`).to.deep.equal(d3Ticks(d[0], d[1], count));
      expect(ticks(d[1], d[0], count), `${d} reversed ticks(${count})`).to.deep.equal(d3Ticks(d[1], d[0], count));
      if (d[0] < d[1]) expect(tickIncrement(d[0], d[1], count), `${d} tickIncrement(${count})`).to.equal(d3TickIncrement(d[0], d[1], count));
    }
    expect(ticks(0, 1, 5)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(10, 0, 2)).to.deep.equal([10, 5, 0]);
  });
});

describe('scaleBand (local) equals d3-scale scaleBand', () => {
  it('places the same bands with the same width and step, reversed ranges and repeated keys included', () => {
    const keyLists = [[], ['a'], ['a', 'b'], ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2'], ['x', 'y', 'x', 'z'],
      Array.from({ length: 23 }, (_, i) => `k${i}`)];
    let n = 0;
    for (const keys of keyLists) for (const r of ranges) for (const padding of [0, 0.05, 0.2, 0.3, 0.5, 1, 1.4]) {
      const ours = scaleBand(keys, r, padding), theirs = d3Band().domain(keys).range(r).padding(padding);
      const at = `${keys.length} keys → ${r}, padding ${padding}`;
      expect(ours.bandwidth(), `${at}: bandwidth`).to.equal(theirs.bandwidth());
      expect(ours.step(), `${at}: step`).to.equal(theirs.step());
      for (const k of [...keys, 'missing']) { expect(ours(k), `${at}: ${k}`).to.equal(theirs(k)); n++; }
    }
    expect(n).to.be.greaterThan(300);
    const s = scaleBand(['a', 'b'], [0, 100], 0.5);
    expect([s('a'), s('b'), s.bandwidth(), s.step()]).to.deep.equal([20, 60, 20, 40]);
  });
});

describe('colorRamp equals a clamped d3 colour scale', () => {
  it('gives the same rgb() strings across and beyond the stops', () => {
    const stops = [0, 1, 1.5], colors = ['#b42318', '#f2cc60', '#146c2e'];
    const ours = colorRamp(stops, colors), theirs = d3Linear<string>().domain(stops).range(colors).clamp(true);
    for (let v = -0.5; v <= 2.01; v += 0.0625) expect(ours(v), `at ${v}`).to.equal(theirs(v));
    expect(ours(0)).to.equal('rgb(180, 35, 24)');
    expect(ours(9)).to.equal('rgb(20, 108, 46)');
  });
});

describe('linePath equals d3-shape line()', () => {
  type P = { x: number; y?: number };
  const d3Path = (pts: P[]) => d3Line<P>().defined((p) => p.y !== undefined).x((p) => p.x).y((p) => p.y ?? 0)(pts) ?? '';
  const ours = (pts: P[]) => linePath(pts, (p) => p.x, (p) => p.y ?? 0, (p) => p.y !== undefined);
  it('writes the same path data, with gaps and lone points', () => {
    const cases: P[][] = [
      [],
      [{ x: 1, y: 2 }],
      [{ x: 44, y: 208 }, { x: 101.33333333, y: 97.123456 }, { x: 600.5, y: 12 }],
      [{ x: 0, y: 1 }, { x: 10 }, { x: 20, y: 3 }, { x: 30, y: 4 }, { x: 40 }, { x: 50, y: 5 }],
      [{ x: 0 }, { x: 1 }],
      [{ x: 0.0004, y: -0.0006 }, { x: 1e-7, y: 2.00049 }],
    ];
    for (const c of cases) expect(ours(c), JSON.stringify(c)).to.equal(d3Path(c));
    expect(ours(cases[3])).to.equal('M0,1ZM20,3L30,4M50,5Z');
  });
});
