// The zh-CN tables of the charts, the KPI tile and the dashboard write their sentences with
// full-width punctuation (，：；（）？), as Chinese text is set; half-width , : ; ( ) ? in them read
// as English typography dropped into Chinese. Placeholders ({count}) and ASCII terms (CSV, P90) stay.
import { expect } from '@open-wc/testing';
import chart from './strings.zh-CN.js';
import funnel from '../../funnel-chart/strings.zh-CN.js';
import duration from '../../stage-duration-chart/strings.zh-CN.js';
import forecast from '../../forecast-chart/strings.zh-CN.js';
import pareto from '../../pareto-chart/strings.zh-CN.js';
import concentration from '../../concentration-chart/strings.zh-CN.js';
import health from '../../health-distribution-chart/strings.zh-CN.js';
import retention from '../../retention-chart/strings.zh-CN.js';
import kpi from '../../kpi-tile/strings.zh-CN.js';
import dashboard from '../../dashboard/strings.zh-CN.js';

const tables: Record<string, Record<string, string>> = { chart, funnel, duration, forecast, pareto, concentration, health, retention, kpi, dashboard };

describe('zh-CN chart, KPI and dashboard strings', () => {
  it('use full-width punctuation, never half-width , : ; ( ) ?', () => {
    const halfWidth: string[] = [];
    for (const [name, table] of Object.entries(tables)) {
      for (const [key, text] of Object.entries(table)) if (/[,:;()?]/.test(text)) halfWidth.push(`${name}.${key}: ${text}`);
    }
    expect(halfWidth).to.deep.equal([]);
  });
});
