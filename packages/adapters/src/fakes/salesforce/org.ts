// The Salesforce fake's org: sObject records keyed by 18-character ids, seeded from a KAM book
// the way a real org would hold it (OpportunityStage rows from the pipeline, Task / Event for
// activities, Contract with a custom amount field), with Salesforce's write semantics.
import type { Book, Pipeline } from '@kamkit/core';
import { objectOfId, sfDateTime, sobjects } from './schema.js';

export type SObject = Record<string, unknown> & { Id: string };

const forecastToSf = { pipeline: 'Pipeline', best_case: 'Best Case', commit: 'Commit', closed: 'Closed', omitted: 'Omitted' } as const;
const forecastApi: Record<string, string> = { Pipeline: 'Pipeline', 'Best Case': 'BestCase', Commit: 'Forecast', Closed: 'Closed', Omitted: 'Omitted' };

export class SalesforceOrg {
  readonly records = new Map<string, Map<string, SObject>>();
  private counters = new Map<string, number>();
  private lastStamp = 0;
  /** Book id → Salesforce id, per kind (tests and demos use it to find seeded records). */
  readonly idMap = new Map<string, string>();

  constructor(readonly orgId = '00D5g000004KAMKIT') {
    for (const name of Object.keys(sobjects)) this.records.set(name, new Map());
  }

  newId(object: string): string {
    const n = (this.counters.get(object) ?? 0) + 1;
    this.counters.set(object, n);
    return `${sobjects[object].prefix}5g00000${n.toString(36).toUpperCase().padStart(5, '0')}KAM`;
  }

  /** Clock of the audit stamps (a test may pin it). */
  now: () => number = Date.now;

  /**
   * "Now" for SystemModstamp, never earlier than the last one: whole seconds, as Salesforce keeps
   * them ("…T10:00:00.000+0000"), so two writes in one second share a stamp.
   */
  stampMs(): number {
    const ms = Math.max(wholeSecond(this.now()), this.lastStamp);
    this.lastStamp = ms;
    return ms;
  }

  get(object: string, id: string): SObject | undefined {
    return this.records.get(object)?.get(id);
  }

  find(id: string): SObject | undefined {
    const object = objectOfId(id);
    return object ? this.get(object, id) : undefined;
  }

  insert(object: string, fields: Record<string, unknown>, stampMs?: number): SObject {
    const id = this.newId(object);
    const ms = stampMs !== undefined ? wholeSecond(stampMs) : this.stampMs();
    const rec: SObject = { Id: id, ...fields };
    if ('CreatedDate' in sobjects[object].fields && rec.CreatedDate === undefined) rec.CreatedDate = sfDateTime(ms);
    rec.LastModifiedDate = sfDateTime(ms);
    rec.SystemModstamp = sfDateTime(ms);
    if ('IsDeleted' in sobjects[object].fields) rec.IsDeleted = false;
    this.derive(object, rec);
    this.records.get(object)!.set(id, rec);
    return rec;
  }

  /** Applies field values and bumps the audit stamps, as a DML update does. */
  update(object: string, rec: SObject, fields: Record<string, unknown>): void {
    Object.assign(rec, fields);
    this.derive(object, rec, fields);
    const ms = this.stampMs();
    rec.LastModifiedDate = sfDateTime(ms);
    rec.SystemModstamp = sfDateTime(ms);
  }

  /** Formula-like fields Salesforce maintains itself. */
  private derive(object: string, rec: SObject, changed?: Record<string, unknown>): void {
    if (object === 'Contact') rec.Name = [rec.FirstName, rec.LastName].filter((x) => x != null && x !== '').join(' ');
    if (object === 'Opportunity' && (!changed || 'StageName' in changed)) {
      const stage = [...this.records.get('OpportunityStage')!.values()].find((s) => s.ApiName === rec.StageName);
      if (stage) {
        rec.IsClosed = stage.IsClosed;
        rec.IsWon = stage.IsWon;
        if (changed ? !('Probability' in changed) : rec.Probability == null) rec.Probability = stage.DefaultProbability;
        if (changed ? !('ForecastCategoryName' in changed) : rec.ForecastCategoryName == null) rec.ForecastCategoryName = stage.ForecastCategoryName;
        rec.ForecastCategory = forecastApi[String(rec.ForecastCategoryName)] ?? stage.ForecastCategory;
      }
    }
    if (object === 'Opportunity') {
      rec.ExpectedRevenue = typeof rec.Amount === 'number' && typeof rec.Probability === 'number' ? (rec.Amount * rec.Probability) / 100 : null;
    }
    if (object === 'Contract' && rec.ContractNumber === undefined) rec.ContractNumber = String(this.records.get('Contract')!.size + 1).padStart(8, '0');
  }

  /** Seeds the org from a KAM book. */
  seed(book: Partial<Book>): void {
    const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : Date.parse('2025-01-01T00:00:00Z'));
    const ref = (kind: string, id: string | undefined) => (id ? this.idMap.get(`${kind}:${id}`) ?? null : null);
    const pct = (p: number) => Math.round(p * 10_000) / 100;
    const seen = new Set<string>();
    let sort = 0;
    for (const p of (book.pipelines ?? []) as Pipeline[]) {
      for (const s of [...p.stages].sort((a, b) => a.order - b.order)) {
        if (seen.has(s.name)) continue;
        seen.add(s.name);
        const fc = forecastToSf[s.forecastCategory];
        const rec = this.insert('OpportunityStage', {
          ApiName: s.name, MasterLabel: s.name, IsActive: true, IsClosed: s.kind !== 'open', IsWon: s.kind === 'won',
          DefaultProbability: pct(s.probability), ForecastCategoryName: fc, ForecastCategory: forecastApi[fc], SortOrder: ++sort,
          Description: s.guidance ?? null,
        }, Date.parse('2024-01-01T00:00:00Z'));
        this.idMap.set(`stages:${s.id}`, rec.Id);
      }
    }
    const stageName = new Map<string, string>();
    for (const p of book.pipelines ?? []) for (const s of p.stages) stageName.set(`${p.id}:${s.id}`, s.name);

    for (const u of book.users ?? []) {
      const at = u.name.lastIndexOf(' ');
      const rec = this.insert('User', {
        FirstName: at > 0 ? u.name.slice(0, at) : null, LastName: at > 0 ? u.name.slice(at + 1) : u.name, Name: u.name,
        Email: u.email ?? null, Username: u.email ?? `${u.id}@example.com`, IsActive: true, Department: u.team ?? null,
      }, ms(u.updatedAt));
      this.idMap.set(`users:${u.id}`, rec.Id);
    }
    for (const a of book.accounts ?? []) {
      const rec = this.insert('Account', {
        Name: a.name, Type: 'Customer - Direct', Industry: a.industry ?? null, AnnualRevenue: a.annualRevenue?.amount ?? null,
        NumberOfEmployees: a.employees ?? null, OwnerId: ref('users', a.ownerId), ParentId: null, Website: a.website ?? null,
        Phone: a.phone ?? null, BillingStreet: null, BillingCity: null, BillingState: a.region ?? null, BillingPostalCode: null,
        BillingCountry: null, Description: null, CurrencyIsoCode: a.annualRevenue?.currency ?? 'CNY', KAM_Tier__c: a.tier ?? null,
        CreatedDate: a.createdAt ? sfDateTime(Date.parse(a.createdAt)) : undefined,
      }, ms(a.updatedAt));
      this.idMap.set(`accounts:${a.id}`, rec.Id);
    }
    for (const a of book.accounts ?? []) {
      if (a.parentId) this.get('Account', this.idMap.get(`accounts:${a.id}`)!)!.ParentId = ref('accounts', a.parentId);
    }
    for (const c of book.contacts ?? []) {
      const at = c.name.lastIndexOf(' ');
      const rec = this.insert('Contact', {
        AccountId: ref('accounts', c.accountId), FirstName: at > 0 ? c.name.slice(0, at) : null, LastName: at > 0 ? c.name.slice(at + 1) : c.name,
        Email: c.email ?? null, Phone: c.phone ?? null, MobilePhone: null, Title: c.title ?? null, Department: null,
        OwnerId: null, ReportsToId: null, MailingCity: null, Description: null,
      }, ms(c.updatedAt));
      this.idMap.set(`contacts:${c.id}`, rec.Id);
    }
    for (const c of book.contacts ?? []) {
      if (c.reportsToId) this.get('Contact', this.idMap.get(`contacts:${c.id}`)!)!.ReportsToId = ref('contacts', c.reportsToId);
    }
    for (const o of book.opportunities ?? []) {
      const stage = (book.pipelines ?? []).find((p) => p.id === o.pipelineId)?.stages.find((s) => s.id === o.stageId);
      const rec = this.insert('Opportunity', {
        AccountId: ref('accounts', o.accountId), Name: o.name, StageName: stageName.get(`${o.pipelineId}:${o.stageId}`) ?? o.stageId,
        Amount: o.amount.amount, CurrencyIsoCode: o.amount.currency, CloseDate: o.closeDate.slice(0, 10),
        Probability: o.probability !== undefined ? pct(o.probability) : stage ? pct(stage.probability) : null,
        ForecastCategoryName: o.forecastCategory ? forecastToSf[o.forecastCategory] : stage ? forecastToSf[stage.forecastCategory] : null,
        Type: null, LeadSource: null, NextStep: o.nextStep?.text ?? null, Description: null, OwnerId: ref('users', o.ownerId),
        CreatedDate: o.createdAt ? sfDateTime(Date.parse(o.createdAt)) : undefined,
      }, ms(o.updatedAt));
      this.idMap.set(`opportunities:${o.id}`, rec.Id);
    }
    for (const a of book.activities ?? []) {
      const what = ref('opportunities', a.opportunityId) ?? ref('accounts', a.accountId);
      const common = {
        Subject: a.subject, WhoId: ref('contacts', a.contactId), WhatId: what, AccountId: ref('accounts', a.accountId),
        OwnerId: ref('users', a.ownerId), Description: a.notes ?? null,
      };
      const isEvent = a.type === 'meeting' || a.type === 'visit' || a.type === 'exhibition';
      const start = Date.parse(a.occurredAt);
      const rec = isEvent
        ? this.insert('Event', {
          ...common, StartDateTime: sfDateTime(start), EndDateTime: sfDateTime(start + 3_600_000), ActivityDateTime: sfDateTime(start),
          ActivityDate: a.occurredAt.slice(0, 10), DurationInMinutes: 60, IsAllDayEvent: false, Location: null, EventSubtype: 'Event',
        }, ms(a.updatedAt))
        : this.insert('Task', {
          ...common, Status: 'Completed', Priority: 'Normal', ActivityDate: a.occurredAt.slice(0, 10), IsClosed: true,
          TaskSubtype: a.type === 'call' ? 'Call' : a.type === 'email' ? 'Email' : 'Task',
        }, ms(a.updatedAt));
      this.idMap.set(`activities:${a.id}`, rec.Id);
    }
    for (const c of book.contracts ?? []) {
      const start = new Date(`${c.startDate.slice(0, 10)}T00:00:00Z`);
      const end = new Date(`${c.endDate.slice(0, 10)}T00:00:00Z`);
      const months = Math.max(1, Math.round((end.getTime() - start.getTime()) / (30.44 * 86_400_000)));
      const rec = this.insert('Contract', {
        AccountId: ref('accounts', c.accountId), Name: c.name, Status: 'Activated', StartDate: c.startDate.slice(0, 10),
        EndDate: c.endDate.slice(0, 10), ContractTerm: months, OwnerId: null, Description: null,
        CurrencyIsoCode: c.value.currency, Contract_Value__c: c.value.amount,
      }, ms(c.updatedAt));
      this.idMap.set(`contracts:${c.id}`, rec.Id);
    }
  }
}

const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
