// The Simplified Chinese tables read as one product: Chinese punctuation in Chinese sentences, a
// space where Chinese meets a Latin word or a number (as "{count} 个商机", "按 Esc 取消"), and one
// word for one thing across the elements.
import { expect } from '@open-wc/testing';
import a360 from '../account-360/strings.zh-CN.js';
import a360States from '../account-360/state-strings.zh-CN.js';
import list from '../account-list/strings.zh-CN.js';
import alerts, * as alertWords from '../alerts/strings.zh-CN.js';
import conc from '../concentration-chart/strings.zh-CN.js';
import dashboard from '../dashboard/strings.zh-CN.js';
import forecast from '../forecast-chart/strings.zh-CN.js';
import funnel from '../funnel-chart/strings.zh-CN.js';
import badge from '../health-badge/strings.zh-CN.js';
import dist from '../health-distribution-chart/strings.zh-CN.js';
import editors from '../health-explainer/editors.zh-CN.js';
import explainer, { factorLabelsZh } from '../health-explainer/strings.zh-CN.js';
import kpi from '../kpi-tile/strings.zh-CN.js';
import pareto from '../pareto-chart/strings.zh-CN.js';
import refusals, { fieldLabels } from '../pipeline-board/refusals.zh-CN.js';
import board from '../pipeline-board/strings.zh-CN.js';
import provider from '../provider/strings.zh-CN.js';
import retention from '../retention-chart/strings.zh-CN.js';
import status from './status-words.zh-CN.js';
import duration from '../stage-duration-chart/strings.zh-CN.js';
import pathActions from '../stage-path/actions.zh-CN.js';
import path from '../stage-path/strings.zh-CN.js';
import stakeholders from '../stakeholder-map/strings.zh-CN.js';
import timeline from '../timeline/strings.zh-CN.js';

const tables: Record<string, Record<string, string>> = {
  a360, a360States, list, alerts, conc, dashboard, forecast, funnel, badge, dist, editors, explainer, kpi, pareto, refusals, board,
  provider, retention, status, duration, pathActions, path, stakeholders, timeline,
  factorLabelsZh, fieldLabels, zhValue: alertWords.zhValue, zhTitle: alertWords.zhTitle, zhAction: alertWords.zhAction, zhRationale: alertWords.zhRationale,
};
const entries = Object.entries(tables).flatMap(([t, table]) => Object.entries(table).map(([k, v]) => [`${t}.${k}`, v] as const));
const han = '\\p{Script=Han}';
const offenders = (re: RegExp) => entries.filter(([, v]) => re.test(v)).map(([k, v]) => `${k}: ${v}`);

describe('zh-CN tables', () => {
  it('use full-width punctuation beside Chinese', () => {
    expect(offenders(new RegExp(`${han}[,;:!?()]|[,;:!?(]${han}`, 'u'))).to.deep.equal([]);
  });

  it('space Chinese from a Latin word or a number, and from a name that may be one (a stage, a currency)', () => {
    expect(offenders(new RegExp(`${han}[A-Za-z0-9]|[A-Za-z0-9]${han}`, 'u'))).to.deep.equal([]);
    expect(offenders(new RegExp(`${han}\\{(stage|to|currency|count|days|n)\\}|\\{(stage|to|currency|count|days|n)\\}${han}`, 'u'))).to.deep.equal([]);
    // a field, a checklist item or a factor is named in quotes, as a deal or a pipeline is
    expect([refusals.missing_field, explainer.op_at_least, explainer.op_at_most, explainer.op_below].filter((v) => !/“\{(field|label)\}”/.test(v))).to.deep.equal([]);
  });

  it('read as an account manager would say them', () => {
    expect(explainer.op_at_least, '"raise to at least"').to.contain('提升至不低于'); // was 提升至至少
    expect(conc.markHhi, 'a band is a level of concentration').to.contain('集中度等级：{band}'); // was 集中度{band}: "集中度分散"
    expect(alerts.f_hhiBand, 'the same words in an alert').to.equal('集中度等级');
    expect(stakeholders.nodeLabel).to.contain('影响力：{influence}，关系：{relationship}'); // was "关系 较弱"
    expect(a360.fxLine, 'a date in brackets, no space before 的').to.equal('按“{table}”（{date}）的汇率折算');
    expect(pareto.mark, 'no space inside "贡献收入的"').to.contain('贡献{basis}的 {valueShare}');
  });

  it('use one word for one thing across the elements', () => {
    expect(factorLabelsZh.engagedContacts, 'engaged contacts').to.equal(alerts.f_engagedContacts);
    expect(factorLabelsZh.execSponsor, 'executive sponsor').to.equal(a360.executive_sponsor);
    expect(factorLabelsZh.decisionMaker, 'decision maker').to.contain(stakeholders.decision_maker);
    expect(list.col_tier, 'tier').to.equal(a360.tierCol);
    expect(a360.paidLate + a360.partly, 'a payment received is 回款').to.not.contain('付款');
    expect(dist.band, 'a health band').to.equal(alerts.f_band);
    expect(dashboard.pipeline, 'a sales pipeline, as the board\'s picker names it').to.equal(board.pipelinePicker);
  });
});
