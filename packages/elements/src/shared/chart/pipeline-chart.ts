// The base of the pipeline charts (funnel, stage duration, forecast): `.data` is a
// `pipelineAnalytics` result; in store mode it is computed with the chart's options, and the
// deals are checked once for input the figures cannot show (stages missing from the pipeline,
// negative or implausible amounts, a single deal) so the chart can explain it.
import type { PropertyDeclarations } from 'lit';
import type { Opportunity } from '@kamkit/core';
import { pipelineAnalytics, sliceFilter, type BookSource, type PipelineAnalytics, type PipelineOptions } from '@kamkit/core/analytics';
import type { KamStore } from '../context.js';
import { formatNumber } from '../i18n.js';
import { amountNotes } from './order-quality.js';
import { ABSURD_AMOUNT, KamChart, chartT } from './chart-base.js';

/** What a pipeline's deals hold that its figures leave out or cannot explain. */
export interface DealQuality { deals: number; missingStage: number; negative: number; absurd: number }

/** One pass over a pipeline's deals (in the slice) counting odd input. */
export function dealQuality(src: BookSource, pipeline: { id: string; stages: ReadonlyArray<{ id: string }> } | undefined, keep?: (o: Opportunity) => boolean): DealQuality {
  const q: DealQuality = { deals: 0, missingStage: 0, negative: 0, absurd: 0 };
  if (!pipeline) return q;
  const stages = new Set(pipeline.stages.map((s) => s.id));
  for (const o of src.all('opportunities')) {
    if (o.pipelineId !== pipeline.id || (keep && !keep(o))) continue;
    q.deals++;
    if (!stages.has(o.stageId)) q.missingStage++;
    const a = o.amount?.amount;
    if (typeof a === 'number') { if (a < 0) q.negative++; else if (a > ABSURD_AMOUNT) q.absurd++; }
  }
  return q;
}

export abstract class KamPipelineChart extends KamChart<PipelineAnalytics> {
  static override properties: PropertyDeclarations = { pipelineId: { attribute: 'pipeline-id' }, from: {}, to: {}, quality: { attribute: false } };

  /** Store mode: which pipeline (default: the first). */
  declare pipelineId?: string;
  /** Store mode: window on close dates for won / lost figures (ISO dates). */
  declare from?: string;
  declare to?: string;
  /** Explanations of odd input; computed in store mode, may be set with `.data`. */
  declare quality?: DealQuality;

  protected options(store: KamStore): PipelineOptions {
    return { now: this.now(), currency: this.reporting, fx: store.fx, pipelineId: this.pipelineId, slice: this.slice, from: this.from, to: this.to };
  }

  protected compute(store: KamStore): PipelineAnalytics {
    const a = pipelineAnalytics(store, this.options(store));
    const pipeline = store.pipelines().find((p) => p.id === a.summary.pipelineId);
    this.computedQuality = dealQuality(store, pipeline, sliceFilter(store, this.slice));
    return a;
  }

  private computedQuality?: DealQuality;

  protected override narrowed(): boolean { return super.narrowed() || !!(this.pipelineId || this.from || this.to); }

  /** The odd input behind the figures (every pipeline chart shows these; the forecast adds its excluded currencies). */
  protected override notes(a: PipelineAnalytics): string[] {
    const q = this.quality ?? (this.data === undefined ? this.computedQuality : undefined);
    const l = this.resolvedLocale;
    const out: string[] = [];
    if (q?.missingStage) out.push(chartT(l, 'missingStages', { count: formatNumber(l, q.missingStage) }));
    out.push(...amountNotes(l, q, a.summary.currency, 'deals'));
    if (a.dealCount === 1) out.push(chartT(l, 'single'));
    return out;
  }
}
