// The charts' own linear map, nice(), band scale and colour ramp against d3-scale's scaleLinear and
// scaleBand, and their line path against d3-shape's line(), which they stand in for (ticks are
// d3-array's own at run time): the same pixels and the same ticks.
import { expect } from '@open-wc/testing';
import { scaleBand as d3Band, scaleLinear as d3Linear } from 'd3-scale';
import { line } from 'd3-shape';
import { linePath, niceDomain, scaleBand, scaleLinear } from './scale.js';
import { colorRamp } from '../../retention-chart/cohort.js';

// What the charts pass (counts, money with negatives, days, shares, retention ratios) and the awkward cases.
const domains: Array<[number, number]> = [
  [0, 1], [0, 7], [0, 10], [0, 13], [0, 1.2], [0, 1.37], [0, 94.5], [0, 101], [0, 1234], [0, 999_999],
  [-42_000, 3_150_000], [-1, 1], [-0.3, 0.7], [0.001, 0.0179], [3, 3], [0, 0], [5, -5], [12.5, -3.2], [1e12, 5e13], [-7.5e9, -2e3], [0, 10000], [17, 83],
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

describe('colorRamp equals a clamped d3 colour scale', () => {
  it('gives the same rgb() strings across and beyond the stops', () => {
    const stops = [0, 1, 1.5], colors = ['#b42318', '#f2cc60', '#146c2e'];
    const ours = colorRamp(stops, colors), theirs = d3Linear<string>().domain(stops).range(colors).clamp(true);
    for (let v = -0.5; v <= 2.01; v += 0.0625) expect(ours(v), `at ${v}`).to.equal(theirs(v));
    expect(ours(0)).to.equal('rgb(180, 35, 24)');
    expect(ours(9)).to.equal('rgb(20, 108, 46)');
  });
});

describe('linePath equals d3-shape line().defined()', () => {
  it('the same path string, gaps and lone points included', () => {
    type P = readonly [number, number] | undefined;
    const d3Path = (pts: P[]) => line<P>().defined((p) => p !== undefined).x((p) => p![0]).y((p) => p![1])(pts) ?? '';
    const cases: P[][] = [
      [], [undefined], [[1, 2]], [[0, 0], [10.5, 20.25], [30, -4]],
      [[0, 208], undefined, [40, 12.5], [60, 100]], [undefined, [5, 5], undefined, [7, 7], [8, 9], undefined],
      [[1e-7, 3e21], [-0, NaN], [0.0005, -2.71828]], Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? undefined : [i * 6.4, 208 - i * 3.3] as const)),
    ];
    for (const c of cases) expect(linePath(c), JSON.stringify(c)).to.equal(d3Path(c));
  });
});

describe('scaleBand (local) equals d3-scale scaleBand().padding()', () => {
  it('places every band, its width and step the same, bit for bit, for the paddings the charts use', () => {
    const domains = [[], ['a'], ['a', 'b'], ['st-1', 'st-2', 'st-3', 'st-4', 'st-5', 'st-6', 'st-7'], ['2026-Q1', '2026-Q2', '2026-Q1', '2026-Q3'],
      Array.from({ length: 37 }, (_, i) => `m${i}`)];
    let n = 0;
    for (const d of domains) for (const r of [...ranges, [44, 44], [0, 1]] as Array<[number, number]>) for (const p of [0, 0.05, 0.2, 0.3, 0.5, 1]) {
      const ours = scaleBand(d, r, p), theirs = d3Band(d, r).padding(p);
      expect(ours.bandwidth(), `${d} → ${r} padding ${p}: bandwidth`).to.equal(theirs.bandwidth());
      expect(ours.step(), `${d} → ${r} padding ${p}: step`).to.equal(theirs.step());
      for (const v of [...d, 'missing']) { expect(ours(v), `${d} → ${r} padding ${p} at ${v}`).to.equal(theirs(v)); n++; }
    }
    expect(n).to.be.greaterThan(500);
    const s = scaleBand(['a', 'b'], [0, 100], 0);
    expect([s('a'), s('b'), s.bandwidth(), s.step()]).to.deep.equal([0, 50, 50, 50]);
  });
});
