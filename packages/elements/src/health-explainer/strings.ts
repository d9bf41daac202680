import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Health score',
  outOf: 'of 100',
  coverage: 'Based on {pct} of the model (factors with data)',
  noData: 'No signal had data: this is a neutral placeholder score, not a measurement.',
  computed: 'Computed score {score}; shown score is an override.',
  waterfall: 'Points lost by factor',
  waterfallSummary: 'Starts at 100; {items}; score {score}.',
  start: 'Full marks',
  final: 'Score',
  viewChart: 'Chart',
  viewTable: 'Table',
  viewAs: 'Show points lost as',
  missing: 'no data',
  nothingLost: 'No points lost: every factor is at its best.',
  trend: 'Trend',
  trendUp: 'Up {delta} since {since} (was {previous})',
  trendDown: 'Down {delta} since {since} (was {previous})',
  trendSame: 'Unchanged since {since} ({previous})',
  trendNoDate: 'the last snapshot',
  noTrend: 'No earlier score to compare with.',
  nextBand: 'To reach {band}',
  needPoints: '{points} more points needed.',
  topBand: 'Already in the top band.',
  unreachable: 'Not reachable by improving the factors alone.',
  anyOf: 'Any one of these:',
  allOf: 'All of these together:',
  op_at_least: 'Raise {label} from {from} to at least {target}',
  op_at_most: 'Bring {label} from {from} down to at most {target}',
  op_below: 'Bring {label} from {from} below {target}',
  gain: ' (+{points}\u00a0points)', // after a step, brackets and all (full-width in Chinese)
  override: 'Override',
  overrideActive: 'Set to {value} by {author}: {reason}',
  overrideExpires: 'Expires {date}',
  overrideNoExpiry: 'No expiry',
  overrideNotApplied: 'An override is recorded but does not apply: {note}',
  noOverride: 'No override.',
  requestOverride: 'Request an override…',
  overrideSent: 'Override requested.',
  whatIf: 'What if…',
  loading: 'Loading health…',
  none: 'No health result to explain.',
  missingId: 'No account id given.',
  unknownId: 'Account {id} not found.',
  error: 'Could not explain the health score: {message}',
  yes: 'yes',
  no: 'no',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

/**
 * Chinese names of the default model's factors, from the zh-CN module: empty until it has loaded
 * (the model's English labels show until then).
 */
export const factorLabelsZh: Record<string, string> = {};

export const t = defineStrings({
  id: 'health-explainer', en,
  'zh-CN': async () => {
    const m = await import('./strings.zh-CN.js');
    Object.assign(factorLabelsZh, m.factorLabelsZh);
    return m;
  },
});
