// The sObjects and fields the Salesforce fake knows (API names from the Salesforce object
// reference, see reference/crm-apis.md §1.3), with the types that matter for SOQL, writes and
// describe. `Contract_Value__c` stands for the custom amount field most orgs add to Contract.
import type { FieldType } from './soql.js';

export interface FieldDef {
  type: FieldType;
  /** Salesforce describe type (`string`, `currency`, `picklist`, `reference`, …). */
  sfType: string;
  updateable: boolean;
  createable?: boolean;
  nillable?: boolean;
}

const f = (sfType: string, updateable = true, extra: Partial<FieldDef> = {}): FieldDef => {
  const type: FieldType = sfType === 'id' ? 'id'
    : sfType === 'datetime' ? 'datetime'
      : sfType === 'date' ? 'date'
        : ['double', 'currency', 'int', 'percent'].includes(sfType) ? 'number'
          : sfType === 'boolean' ? 'boolean' : 'string';
  return { type, sfType, updateable, createable: updateable, nillable: true, ...extra };
};

const audit = {
  CreatedDate: f('datetime', false),
  LastModifiedDate: f('datetime', false),
  SystemModstamp: f('datetime', false),
  IsDeleted: f('boolean', false),
};

export const sobjects: Record<string, { prefix: string; fields: Record<string, FieldDef> }> = {
  Account: {
    prefix: '001',
    fields: {
      Id: f('id', false), Name: f('string', true, { nillable: false }), Type: f('picklist'), Industry: f('picklist'),
      AnnualRevenue: f('currency'), NumberOfEmployees: f('int'), OwnerId: f('reference'), ParentId: f('reference'),
      Website: f('url'), Phone: f('phone'), BillingStreet: f('textarea'), BillingCity: f('string'), BillingState: f('string'),
      BillingPostalCode: f('string'), BillingCountry: f('string'), Description: f('textarea'), CurrencyIsoCode: f('picklist'),
      // The custom key-account tier field most KAM orgs add (the adapter's `fields.tier`).
      KAM_Tier__c: f('picklist'),
      ...audit,
    },
  },
  Contact: {
    prefix: '003',
    fields: {
      Id: f('id', false), AccountId: f('reference'), FirstName: f('string'), LastName: f('string', true, { nillable: false }),
      Name: f('string', false), Email: f('email'), Phone: f('phone'), MobilePhone: f('phone'), Title: f('string'),
      Department: f('string'), OwnerId: f('reference'), ReportsToId: f('reference'), MailingCity: f('string'),
      Description: f('textarea'), ...audit,
    },
  },
  Opportunity: {
    prefix: '006',
    fields: {
      Id: f('id', false), AccountId: f('reference'), Name: f('string', true, { nillable: false }), StageName: f('picklist', true, { nillable: false }),
      Amount: f('currency'), CloseDate: f('date', true, { nillable: false }), Probability: f('percent'), ExpectedRevenue: f('currency', false),
      IsClosed: f('boolean', false), IsWon: f('boolean', false), ForecastCategory: f('picklist', false), ForecastCategoryName: f('picklist'),
      Type: f('picklist'), LeadSource: f('picklist'), NextStep: f('string'), Description: f('textarea'), OwnerId: f('reference'),
      CurrencyIsoCode: f('picklist'), ...audit,
    },
  },
  OpportunityStage: {
    prefix: '01J',
    fields: {
      Id: f('id', false), ApiName: f('string', false), MasterLabel: f('string', false), IsActive: f('boolean', false),
      IsClosed: f('boolean', false), IsWon: f('boolean', false), DefaultProbability: f('percent', false),
      ForecastCategory: f('picklist', false), ForecastCategoryName: f('picklist', false), SortOrder: f('int', false),
      Description: f('string', false), CreatedDate: f('datetime', false), LastModifiedDate: f('datetime', false), SystemModstamp: f('datetime', false),
    },
  },
  Task: {
    prefix: '00T',
    fields: {
      Id: f('id', false), Subject: f('combobox'), Status: f('picklist'), Priority: f('picklist'), ActivityDate: f('date'),
      WhoId: f('reference'), WhatId: f('reference'), AccountId: f('reference', false), OwnerId: f('reference'),
      Description: f('textarea'), IsClosed: f('boolean', false), TaskSubtype: f('picklist'), ...audit,
    },
  },
  Event: {
    prefix: '00U',
    fields: {
      Id: f('id', false), Subject: f('combobox'), StartDateTime: f('datetime'), EndDateTime: f('datetime'),
      ActivityDateTime: f('datetime'), ActivityDate: f('date'), DurationInMinutes: f('int'), IsAllDayEvent: f('boolean'),
      WhoId: f('reference'), WhatId: f('reference'), AccountId: f('reference', false), OwnerId: f('reference'),
      Location: f('string'), Description: f('textarea'), EventSubtype: f('picklist'), ...audit,
    },
  },
  Contract: {
    prefix: '800',
    fields: {
      Id: f('id', false), AccountId: f('reference'), ContractNumber: f('string', false), Name: f('string'), Status: f('picklist'),
      StartDate: f('date'), EndDate: f('date'), ContractTerm: f('int'), OwnerId: f('reference'), Description: f('textarea'),
      CurrencyIsoCode: f('picklist'), Contract_Value__c: f('currency'), ...audit,
    },
  },
  User: {
    prefix: '005',
    fields: {
      Id: f('id', false), Name: f('string', false), FirstName: f('string'), LastName: f('string'), Email: f('email'),
      Username: f('string'), IsActive: f('boolean'), Department: f('string'), ...audit,
    },
  },
};

/** Which object a record id belongs to, by its 3-character key prefix. */
export function objectOfId(id: string): string | undefined {
  const prefix = id.slice(0, 3);
  return Object.entries(sobjects).find(([, o]) => o.prefix === prefix)?.[0];
}

/** Case-insensitive field lookup (SOQL field names are case-insensitive). */
export function fieldName(object: string, name: string): string | undefined {
  const fields = sobjects[object]?.fields;
  if (!fields) return undefined;
  if (name in fields) return name;
  const lower = name.toLowerCase();
  return Object.keys(fields).find((k) => k.toLowerCase() === lower);
}

/** Salesforce's datetime wire format: `2026-11-23T08:20:01.532+0000`. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
