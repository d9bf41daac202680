// Stage-move rules. A move is checked against the pipeline's rules and the entry criteria of the
// target stage; a refused move returns every reason at once, each naming what to fix.
// The reasons are sentences for people (the board and the stage path show them as they are in
// English, inside their own “…” announcements): names and values are quoted “…”, as there.
//
// Decisions (documented in docs/store.md):
// - Moving into a won or lost stage is a close, never a "skip": any open deal may be closed.
// - When a forward move skips open stages (and the pipeline allows skipping), the entry criteria
//   of every skipped stage apply too — otherwise skipping would be a way around the gates.
// - Moving out of a won/lost stage (to any stage) is a reopen, governed by `allowReopen` only.
// - A won/lost date may not lie more than one day after `now` (time-zone slack).
import type { Opportunity, Pipeline, Stage } from '../model/schemas.js';
import type { MoveCheck, MoveInput, MoveRefusal } from './types.js';
import { getPath } from './query.js';
import { applyStageMove, stageKind } from './apply-move.js';
// The model's own date rule (calendar-checked): `2026-02-30` parses in JS (as March 2) but is no
// date, and Date.parse takes junk like `2026-01-31 :`. The schemas' own check (iso-date.ts).
import { isIsoDateTime as isRealDate } from '../model/iso-date.js';

// Applying a move is apply-move.ts' (the sync engine, loaded on demand, needs only that).
export { applyStageMove };

const knownLabels: Record<string, string> = {
  'nextStep.text': 'Next step',
  'nextStep.dueDate': 'Next step due date',
  amount: 'Amount',
  'amount.amount': 'Amount',
  closeDate: 'Close date',
  ownerId: 'Owner',
  probability: 'Probability',
  forecastCategory: 'Forecast category',
  name: 'Name',
};

/** A user-facing label for a field path: `custom.decisionMaker` → `Decision maker`. */
export function fieldLabel(path: string): string {
  if (knownLabels[path]) return knownLabels[path];
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isFilled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'number') return Number.isFinite(v);
  return true;
}

/** Checks a move; `opp` / `pipeline` undefined yields the matching "unknown" refusal. */
export function checkStageMove(
  opp: Opportunity | undefined,
  pipeline: Pipeline | undefined,
  opportunityId: string,
  toStageId: string,
  input: MoveInput = {},
  now: Date = new Date(),
): MoveCheck {
  if (!opp) {
    return { ok: false, reasons: [{ code: 'unknown_opportunity', message: `Opportunity ${opportunityId} does not exist (it may have been deleted or not loaded yet)` }] };
  }
  const stages = pipeline ? [...pipeline.stages].sort((a, b) => a.order - b.order) : [];
  const from = stages.find((s) => s.id === opp.stageId);
  const to = stages.find((s) => s.id === toStageId);
  if (!pipeline || !to) {
    const where = pipeline ? `pipeline “${pipeline.name}”` : `pipeline ${opp.pipelineId} (not loaded)`;
    return { ok: false, reasons: [{ code: 'unknown_stage', message: `Stage ${toStageId} is not a stage of ${where}`, field: 'stageId' }], from };
  }
  if (from && from.id === to.id) {
    return { ok: false, reasons: [{ code: 'same_stage', message: `“${opp.name}” is already in ${to.name}`, field: 'stageId' }], from, to };
  }
  const reasons: MoveRefusal[] = [];
  const rules = pipeline.rules;
  const toKind = stageKind(to);
  const fromKind = from ? stageKind(from) : 'open';

  if (fromKind !== 'open') {
    if (!rules.allowReopen) {
      reasons.push({ code: 'reopen_not_allowed', message: `“${opp.name}” is already ${fromKind}; this pipeline does not allow reopening closed deals — create a new opportunity instead`, field: 'stageId' });
    }
  } else if (from && toKind === 'open') {
    if (to.order < from.order && !rules.allowBackward) {
      reasons.push({ code: 'backward_not_allowed', message: `This pipeline does not allow moving back from ${from.name} to ${to.name}`, field: 'stageId' });
    }
  }

  // Open stages jumped over on a forward move between open stages.
  const skipped = from && fromKind === 'open' && toKind === 'open' && to.order > from.order
    ? stages.filter((s) => stageKind(s) === 'open' && s.order > from.order && s.order < to.order)
    : [];
  if (skipped.length > 0 && !rules.allowSkip) {
    reasons.push({ code: 'skip_not_allowed', message: `This pipeline does not allow skipping stages: move to ${skipped[0].name} first (skipping ${skipped.map((s) => s.name).join(', ')})`, field: 'stageId' });
  }

  // Entry criteria: the target's, plus every skipped stage's.
  const gates = [...skipped, to];
  const seenFields = new Set<string>();
  const seenItems = new Set<string>();
  for (const g of gates) {
    const via = g === to ? '' : ` (required by ${g.name}, which this move skips)`;
    for (const path of g.entryCriteria?.requiredFields ?? []) {
      if (seenFields.has(path)) continue;
      seenFields.add(path);
      if (!isFilled(getPath(opp, path))) {
        reasons.push({ code: 'missing_field', message: `Fill in ${fieldLabel(path)} before moving to ${to.name}${via}`, field: path });
      }
    }
    for (const item of g.entryCriteria?.checklist ?? []) {
      if (seenItems.has(item.id)) continue;
      seenItems.add(item.id);
      if (opp.checklist?.[item.id] !== true) {
        reasons.push({ code: 'checklist_incomplete', message: `Tick “${item.label}” before moving to ${to.name}${via}`, field: item.id });
      }
    }
  }

  if (toKind !== 'open') {
    const needs = toKind === 'won' ? rules.wonRequires : rules.lostRequires;
    if (needs.reason && !(input.reason && input.reason.trim())) {
      reasons.push({ code: 'reason_required', message: `Give a reason the deal was ${toKind} before moving it to ${to.name}`, field: `${toKind}Reason` });
    }
    if (input.date !== undefined && input.date !== '') {
      if (!isRealDate(input.date)) {
        reasons.push({ code: 'invalid_date', message: `The ${toKind} date “${input.date}” is not a date; use the form 2026-11-23`, field: 'closedAt' });
      } else if (Date.parse(input.date) > now.getTime() + 86_400_000) {
        reasons.push({ code: 'invalid_date', message: `The ${toKind} date ${input.date.slice(0, 10)} is in the future; a deal is ${toKind} on or before today`, field: 'closedAt' });
      }
    } else if (needs.date) {
      reasons.push({ code: 'date_required', message: `Give the date the deal was ${toKind} before moving it to ${to.name}`, field: 'closedAt' });
    }
  } else if (input.date !== undefined && input.date !== '' && !isRealDate(input.date)) {
    reasons.push({ code: 'invalid_date', message: `“${input.date}” is not a date; use the form 2026-11-23`, field: 'closedAt' });
  }

  return { ok: reasons.length === 0, reasons, from, to };
}
