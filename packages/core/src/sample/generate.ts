// The sample book: a deterministic, realistic book of business for the demo, the stories, the
// tests and the benchmarks. Same seed and options → a deep-equal book on every run.
import type {
  Account, AccountSize, Activity, ActivityType, AccountTeamMember, Book, BuyingRole, Contact, Contract, Invoice,
  Opportunity, Order, Pipeline, Stage, StageHistoryEntry, Survey, Ticket, TicketSeverity, User,
} from '../model/schemas.js';
import type { FxTable } from '../model/money.js';
import { Random } from './prng.js';
import {
  activitySubjectsCn, activitySubjectsEn, cnCores, cnGiven, cnSuffixes, cnSurnames, cnTitles, enCores, enFirst, enLast,
  enSuffixes, enTitles, industries, lostReasonsCn, lostReasonsEn, regionCities, ticketSubjectsCn, ticketSubjectsEn,
  wonReasonsCn, wonReasonsEn,
} from './names.js';
import { newBusinessPipeline, renewalPipeline } from './pipelines.js';

export interface SampleBookOptions {
  /** PRNG seed; same seed → same book. Default 1. */
  seed?: number;
  /** Number of accounts (near-duplicates included). Default 500. */
  accounts?: number;
  /** The book's "today" (ISO). Default 2026-11-23T00:00:00Z. */
  now?: string;
  /**
   * Related records (contacts, opportunities, activities, contracts, orders, invoices, tickets,
   * surveys, team members): `true` (default) for the full set, `false` for accounts, users and
   * pipelines only, or a factor such as `0.1` for proportionally fewer.
   */
  related?: boolean | number;
}

/** A named, dated FX table with CNY as base, matching the sample book's currencies. */
export const sampleFxTable: FxTable = {
  name: 'Sample treasury month-end',
  snapshots: [
    { date: '2026-09-30', base: 'CNY', rates: { USD: 7.13, EUR: 7.78, HKD: 0.916, JPY: 0.0478, GBP: 9.31, SGD: 5.52 } },
    { date: '2026-10-31', base: 'CNY', rates: { USD: 7.1, EUR: 7.74, HKD: 0.913, JPY: 0.0471, GBP: 9.26, SGD: 5.49 } },
  ],
};

const DAY = 86_400_000;
const REGIONS: ReadonlyArray<readonly [string, number]> = [['华东', 35], ['华南', 20], ['华北', 15], ['西南', 8], ['EMEA', 12], ['Americas', 10]];
const CN_REGIONS = new Set(['华东', '华南', '华北', '西南']);

interface Owner { id: string; region: string }
interface AccountPlan {
  acc: Account;
  cn: boolean;
  /** Pareto weight: drives revenue, deal sizes and record counts. */
  weight: number;
  /** 0 (unhappy) … 1 (delighted): correlates NPS, late payment, tickets, engagement. */
  mood: number;
  currency: string;
  short: string;
  domain?: string;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Generates the sample book; see SampleBookOptions. */
export function generateSampleBook(options: SampleBookOptions = {}): Book {
  const seed = options.seed ?? 1;
  const total = Math.max(0, Math.floor(options.accounts ?? 500));
  const nowMs = Date.parse(options.now ?? '2026-11-23T00:00:00Z');
  const relatedFactor = options.related === false ? 0 : options.related === true || options.related === undefined ? 1 : Math.max(0, options.related);
  const rnd = new Random(seed);
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // Whole-day offsets land at a working hour (08:00–18:00 China time) so times look real.
  const ago = (days: number) => nowMs - days * DAY - (Number.isInteger(days) ? ((rnd.int(0, 600) * 60_000) + 14 * 3_600_000) % DAY : 0);
  const idWidth = Math.max(5, String(total).length);

  // ——— users ———
  const users: User[] = [];
  const owners: Owner[] = [];
  const amPlan: Array<[string, string, string, string]> = [
    ['u-01', '王磊', '华东大客户部', '华东'], ['u-02', '陈静', '华东大客户部', '华东'], ['u-03', '李明', '华东大客户部', '华东'],
    ['u-04', '黄婷', '华南大客户部', '华南'], ['u-05', '林志强', '华南大客户部', '华南'],
    ['u-06', '赵建国', '华北大客户部', '华北'], ['u-07', '孙丽', '华北大客户部', '华北'],
    ['u-08', '刘洋', '西南大客户部', '西南'],
    ['u-09', 'Anna Weber', 'EMEA Key Accounts', 'EMEA'], ['u-10', 'Carlos Silva', 'Americas Key Accounts', 'Americas'],
  ];
  for (const [id, name, team, region] of amPlan) {
    users.push({ id, name, team, region, email: `${id.replace('-', '')}@kamkit.example`, updatedAt: iso(ago(200)) });
    owners.push({ id, region });
  }
  const experts = ['u-11', 'u-12'];
  const serviceReps = ['u-13', 'u-14'];
  users.push(
    { id: 'u-11', name: '周涛', team: '售前技术支持', region: '华东', email: 'u11@kamkit.example', updatedAt: iso(ago(200)) },
    { id: 'u-12', name: 'Lars Nielsen', team: 'Solutions Engineering', region: 'EMEA', email: 'u12@kamkit.example', updatedAt: iso(ago(200)) },
    { id: 'u-13', name: '何芳', team: '客户成功部', region: '华南', email: 'u13@kamkit.example', updatedAt: iso(ago(200)) },
    { id: 'u-14', name: 'Mia Taylor', team: 'Customer Success', region: 'Americas', email: 'u14@kamkit.example', updatedAt: iso(ago(200)) },
    { id: 'u-15', name: '郭志远', team: '销售管理层', region: '华东', email: 'u15@kamkit.example', updatedAt: iso(ago(200)) },
  );
  const ownersByRegion = new Map<string, Owner[]>();
  for (const o of owners) ownersByRegion.set(o.region, [...(ownersByRegion.get(o.region) ?? []), o]);

  // ——— accounts ———
  const dupSpecs = total >= 50 ? duplicateSpecs(total) : [];
  const baseCount = total - dupSpecs.length;
  const plans: AccountPlan[] = [];
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();
  // Domains: `<base><tld>`; a taken base gets a serial (`hengruijx2.com.cn`).
  const domainSerial = new Map<string, number>();
  const uniqueDomain = (base: string, tld: string) => {
    let out = base + tld;
    let k = domainSerial.get(base) ?? 1;
    while (usedDomains.has(out)) out = `${base}${++k}${tld}`;
    domainSerial.set(base, k);
    usedDomains.add(out);
    return out;
  };
  const slugs = new Map<string, string>();
  const slug = (s: string) => {
    let v = slugs.get(s);
    if (v === undefined) slugs.set(s, (v = s.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')));
    return v;
  };
  for (let i = 0; i < baseCount; i++) {
    const region = rnd.weighted(REGIONS);
    const cn = CN_REGIONS.has(region);
    const [industry, cnWord, enWord, abbr] = rnd.pick(industries);
    const city = rnd.pick(regionCities[region]);
    let name = '';
    let short = '';
    let domainBase = '';
    // First a plain name; if taken, one richer try (city + second core); then a serial number.
    for (let attempt = 0; attempt < 2 && (!name || usedNames.has(name)); attempt++) {
      const rich = attempt === 1;
      if (cn) {
        const [core, py] = rnd.pick(cnCores);
        const [core2, py2] = rich ? rnd.pick(cnCores) : ['', ''];
        const two = core2 !== '' && core2 !== core;
        short = `${rich || rnd.chance(0.3) ? city : ''}${core}${two ? core2 : ''}${cnWord}`;
        name = `${short}${rnd.pick(cnSuffixes)}`;
        domainBase = `${py}${two ? py2 : ''}${abbr}`;
      } else {
        const core = rnd.pick(enCores);
        const core2 = rich ? rnd.pick(enCores) : '';
        const two = core2 !== '' && core2 !== core;
        const withCity = rich || rnd.chance(0.2);
        short = `${core}${two ? ' ' + core2 : ''}${withCity ? ' ' + city : ''} ${enWord}`;
        name = `${short} ${rnd.pick(enSuffixes)}`;
        domainBase = `${slug(core)}${two ? slug(core2) : ''}${withCity ? slug(city) : ''}${slug(enWord)}`;
      }
    }
    if (usedNames.has(name)) name = `${name} ${pad(i + 1, idWidth)}`;
    usedNames.add(name);
    const weight = Math.min(rnd.pareto(1, 1.16), 5000);
    const owner = rnd.pick(ownersByRegion.get(region)!);
    const currency = region === 'Americas' ? 'USD' : region === 'EMEA' ? (rnd.chance(0.85) ? 'EUR' : 'USD') : region === '华南' && rnd.chance(0.08) ? 'HKD' : 'CNY';
    const id = `acc-${pad(i + 1, idWidth)}`;
    const employees = Math.max(8, Math.round(40 * Math.pow(weight, 0.9) * rnd.float(0.5, 2.5)));
    const size: AccountSize = employees < 100 ? 'small' : employees < 1000 ? 'medium' : employees < 10000 ? 'large' : 'enterprise';
    const ourRevenueCny = 200_000 * weight;
    const taxId = cn ? creditCode(rnd) : rnd.chance(0.6) ? `${region === 'EMEA' ? 'DE' : 'US'}${rnd.int(100000000, 999999999)}` : undefined;
    const d = uniqueDomain(domainBase, cn ? '.com.cn' : '.com');
    const web = rnd.chance(0.5) ? { domain: d } : { website: `https://www.${d}` };
    const acc: Account = {
      id,
      name,
      industry,
      region,
      size,
      employees,
      ownerId: owner.id,
      tags: [],
      sourceIds: cn ? { kingdee: String(100000 + i) } : { salesforce: `001${pad(i + 1, 12)}AAA` },
      ...(taxId ? { taxId } : {}),
      ...web,
      phone: cn ? `+86 ${rnd.int(10, 99)} ${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}` : `+${region === 'EMEA' ? 49 : 1} ${rnd.int(200, 999)} ${rnd.int(100, 999)} ${rnd.int(1000, 9999)}`,
      address: cn ? `${city}市${rnd.pick(['高新区', '工业园区', '经济开发区', '浦东新区', '南山区'])}${rnd.int(1, 999)}号` : `${rnd.int(1, 999)} ${rnd.pick(['Market St', 'Industrial Way', 'Harbour Rd', 'Park Ave'])}, ${city}`,
      annualRevenue: { amount: Math.round((ourRevenueCny * rnd.float(20, 200)) / 1e4) * 1e4, currency: cn ? 'CNY' : currency },
      createdAt: iso(ago(rnd.int(200, 2500))),
      updatedAt: iso(ago(rnd.int(1, 200))),
    };
    plans.push({ acc, cn, weight, mood: rnd.next(), currency, short, domain: d });
  }

  // Tiers by weight rank: top 10% A, next 30% B, the rest C; tags follow.
  const ranked = [...plans].sort((a, b) => b.weight - a.weight);
  ranked.forEach((p, rank) => {
    const q = rank / Math.max(1, ranked.length);
    p.acc.tier = q < 0.1 ? 'A' : q < 0.4 ? 'B' : 'C';
    if (q < 0.02) p.acc.tags.push('strategic');
    if (p.mood < 0.15) p.acc.tags.push('at-risk');
    if (p.acc.region === 'EMEA' || p.acc.region === 'Americas') p.acc.tags.push('global');
  });

  // Hierarchies: some accounts are subsidiaries of A-tier accounts (a few two levels deep).
  const tierA = plans.filter((p) => p.acc.tier === 'A');
  const tierAcn = tierA.filter((p) => p.cn);
  const tierAen = tierA.filter((p) => !p.cn);
  const children: AccountPlan[] = [];
  for (const p of plans) {
    if (p.acc.tier === 'A' || tierA.length === 0 || !rnd.chance(0.06)) continue;
    const parent = children.length > 3 && rnd.chance(0.1) ? rnd.pick(children) : rnd.pick((p.cn ? tierAcn : tierAen).length ? (p.cn ? tierAcn : tierAen) : tierA);
    if (parent === p || parent.acc.parentId === p.acc.id) continue;
    p.acc.parentId = parent.acc.id;
    const city = rnd.pick(regionCities[p.acc.region!]);
    const nm = p.cn ? `${parent.short}（${city}）有限公司` : `${parent.short} ${city} ${rnd.pick(enSuffixes)}`;
    if (!usedNames.has(nm)) {
      usedNames.delete(p.acc.name);
      usedNames.add(nm);
      p.acc.name = nm;
      p.short = `${parent.short}${p.cn ? '' : ' '}${city}`;
    }
    // Subsidiaries share the group's web domain but have their own tax id.
    if (parent.domain) {
      p.domain = parent.domain;
      if (p.acc.website) p.acc.website = `https://www.${parent.domain}/${p.cn ? 'cn' : 'local'}`;
      else p.acc.domain = parent.domain;
    }
    p.acc.industry = parent.acc.industry;
    children.push(p);
  }

  // Near-duplicates: a primary (one of the base accounts, renamed) and a second record.
  const duplicates: AccountPlan[] = [];
  dupSpecs.forEach((spec, k) => {
    const primary = plans[(k * 37 + 11) % plans.length];
    if (primary.acc.parentId) delete primary.acc.parentId;
    usedNames.delete(primary.acc.name);
    primary.acc.name = spec.primary;
    primary.short = spec.primary;
    if (spec.taxId) primary.acc.taxId = spec.taxId;
    if (spec.domain) {
      primary.acc.domain = spec.domain;
      primary.domain = spec.domain;
      delete primary.acc.website;
    }
    if (spec.sameSourceId) primary.acc.sourceIds = { ...primary.acc.sourceIds, salesforce: spec.sameSourceId };
    const second: Account = {
      ...structuredClone(primary.acc),
      id: `acc-${pad(baseCount + k + 1, idWidth)}`,
      name: spec.secondary,
      sourceIds: spec.sameSourceId ? { salesforce: spec.sameSourceId } : { [primary.cn ? 'salesforce' : 'kingdee']: `DUP-${k + 1}` },
      phone: primary.cn ? `+86 ${rnd.int(10, 99)} ${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}` : `+1 ${rnd.int(200, 999)} ${rnd.int(100, 999)} ${rnd.int(1000, 9999)}`,
      employees: Math.round((primary.acc.employees ?? 100) * rnd.float(0.8, 1.2)),
      tags: rnd.chance(0.5) ? ['imported'] : [],
      updatedAt: iso(ago(rnd.int(1, 60))),
    };
    if (!spec.taxId && !spec.sameSourceId) delete second.taxId;
    if (spec.website) { second.website = spec.website; delete second.domain; }
    if (spec.taxId) second.taxId = spec.taxIdVariant ?? spec.taxId;
    delete second.parentId;
    duplicates.push({ ...primary, acc: second, weight: primary.weight / 8 });
  });
  plans.push(...duplicates);
  const accounts = plans.map((p) => p.acc);
  const book: Book = {
    accounts, users, pipelines: structuredClone([newBusinessPipeline, renewalPipeline]) as Pipeline[],
    contacts: [], teamMembers: [], opportunities: [], activities: [], contracts: [], orders: [], invoices: [], tickets: [], surveys: [],
  };
  if (relatedFactor === 0) return book;

  // ——— related records ———
  const meanRoot = plans.reduce((s, p) => s + Math.sqrt(p.weight), 0) / Math.max(1, plans.length);
  const counters = { con: 0, tm: 0, opp: 0, act: 0, ctr: 0, ord: 0, inv: 0, tkt: 0, srv: 0 };
  const nid = (prefix: string, key: keyof typeof counters) => `${prefix}-${pad(++counters[key], 6)}`;
  const roles: ReadonlyArray<readonly [BuyingRole, number]> = [['influencer', 3], ['user', 3], ['champion', 1.5], ['economic_buyer', 1], ['blocker', 0.6], ['other', 1]];

  for (const p of plans) {
    const a = p.acc;
    const f = (Math.sqrt(p.weight) / meanRoot) * relatedFactor;
    const ownerId = a.ownerId!;
    const personName = () => (p.cn ? `${rnd.pick(cnSurnames)}${rnd.pick(cnGiven)}` : `${rnd.pick(enFirst)} ${rnd.pick(enLast)}`);
    const emailDomain = p.domain ?? 'example.com';

    // Contacts: a decision maker at the top, the rest report to them or to the economic buyer.
    const contacts: Contact[] = [];
    const nContacts = Math.min(40, Math.max(1, rnd.count(4 * f) + 1));
    for (let c = 0; c < nContacts; c++) {
      const role: BuyingRole = c === 0 ? 'decision_maker' : rnd.weighted(roles);
      const name = personName();
      const contact: Contact = {
        id: nid('con', 'con'),
        accountId: a.id,
        name,
        title: rnd.pick((p.cn ? cnTitles : enTitles)[role]),
        email: `${p.cn ? `contact${counters.con}` : name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@${emailDomain}`,
        phone: p.cn ? `+86 1${rnd.int(30, 89)} ${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}` : undefined,
        role,
        influence: role === 'decision_maker' ? 5 : role === 'economic_buyer' ? rnd.int(4, 5) : role === 'user' ? rnd.int(1, 2) : rnd.int(2, 4),
        relationshipStrength: Math.min(5, Math.max(1, Math.round(1 + p.mood * 3 + rnd.float(-1, 1)))),
        reportsToId: c === 0 ? undefined : contacts.find((x) => x.role === 'economic_buyer' && rnd.chance(0.5))?.id ?? contacts[0].id,
        lastEngagedAt: iso(ago(rnd.int(0, Math.round(30 + (1 - p.mood) * 200)))),
        sourceIds: {},
        updatedAt: iso(ago(rnd.int(1, 300))),
      };
      clean(contact);
      contacts.push(contact);
    }
    book.contacts.push(...contacts);

    // Account team: the owner, and for larger accounts an expert, a service rep and a sponsor.
    const team: AccountTeamMember[] = [{ id: nid('tm', 'tm'), accountId: a.id, userId: ownerId, role: 'account_manager', name: users.find((u) => u.id === ownerId)!.name }];
    if (a.tier !== 'C') team.push({ id: nid('tm', 'tm'), accountId: a.id, userId: p.cn ? experts[0] : experts[1], role: 'technical_expert', name: users.find((u) => u.id === (p.cn ? experts[0] : experts[1]))!.name });
    if (a.tier === 'A') {
      const rep = p.cn ? serviceReps[0] : serviceReps[1];
      team.push({ id: nid('tm', 'tm'), accountId: a.id, userId: rep, role: 'service_rep', name: users.find((u) => u.id === rep)!.name });
      team.push({ id: nid('tm', 'tm'), accountId: a.id, userId: 'u-15', role: 'executive_sponsor', name: '郭志远' });
    }
    book.teamMembers.push(...team);

    // Opportunities with stage histories.
    const nOpps = Math.min(80, rnd.count(6 * f));
    for (let o = 0; o < nOpps; o++) book.opportunities.push(makeOpportunity(p, contacts, o));

    // Activities; unhappy accounts have gone quiet for longer.
    const quietDays = p.mood < 0.15 ? rnd.int(60, 200) : p.mood < 0.35 ? rnd.int(10, 60) : rnd.int(0, 12);
    const nActs = Math.min(600, rnd.count(40 * f));
    const subjects = p.cn ? activitySubjectsCn : activitySubjectsEn;
    for (let k = 0; k < nActs; k++) {
      const type: ActivityType = rnd.weighted([['email', 5], ['call', 4], ['meeting', 2.5], ['visit', 2], ['note', 1.5], ['task', 1], ['web_enquiry', 0.4], ['exhibition', 0.3], ['other', 0.3]]);
      const contact = rnd.pick(contacts);
      const act: Activity = {
        id: nid('act', 'act'),
        accountId: a.id,
        contactId: rnd.chance(0.8) ? contact.id : undefined,
        type,
        subject: rnd.pick(subjects[type]),
        occurredAt: iso(ago(quietDays + rnd.next() * Math.max(1, 365 - quietDays))),
        ownerId: rnd.chance(0.85) ? ownerId : rnd.pick(team).userId,
        direction: type === 'web_enquiry' || type === 'exhibition' ? 'inbound' : type === 'email' || type === 'call' ? rnd.pick(['inbound', 'outbound'] as const) : undefined,
        sourceIds: {},
        updatedAt: undefined,
      };
      act.updatedAt = act.occurredAt;
      clean(act);
      book.activities.push(act);
    }

    // Contracts (yearly chain ending somewhere around today), orders and invoices.
    if (rnd.chance(a.tier === 'C' ? 0.6 : 0.95)) {
      const chain = rnd.int(1, a.tier === 'A' ? 4 : 3);
      const lastEnd = nowMs + rnd.int(-60, 330) * DAY;
      const yearly = 200_000 * p.weight * rnd.float(0.7, 1.3) / fxToCny(p.currency);
      let prev: Contract | undefined;
      for (let c = 0; c < chain; c++) {
        const end = lastEnd - (chain - 1 - c) * 365 * DAY;
        const start = end - 365 * DAY;
        const isLast = c === chain - 1;
        const ctr: Contract = {
          id: nid('ctr', 'ctr'),
          accountId: a.id,
          name: p.cn ? `${p.short} ${day(start).slice(0, 4)}年度服务合同` : `${p.short} ${day(start).slice(0, 4)} subscription`,
          startDate: day(start),
          endDate: day(end),
          value: { amount: roundMoney(yearly), currency: p.currency },
          renewalStatus: !isLast ? 'renewed'
            : end < nowMs ? (p.mood < 0.3 ? 'churned' : 'in_negotiation')
            : end - nowMs < 90 * DAY ? (rnd.chance(0.5) ? 'upcoming' : 'in_negotiation') : 'not_due',
          autoRenew: rnd.chance(0.3),
          sourceIds: {},
          updatedAt: iso(Math.min(nowMs - DAY, start + rnd.int(1, 300) * DAY)),
        };
        if (prev) prev.renewedById = ctr.id;
        prev = ctr;
        book.contracts.push(ctr);
        const nOrders = Math.min(24, Math.max(1, rnd.count(4 * f)));
        for (let k = 0; k < nOrders; k++) {
          const at = start + rnd.next() * 365 * DAY;
          if (at > nowMs) continue;
          const amount = roundMoney((yearly / nOrders) * rnd.float(0.5, 1.5));
          const ord: Order = {
            id: nid('ord', 'ord'),
            accountId: a.id,
            contractId: ctr.id,
            orderedAt: iso(at),
            amount: { amount, currency: p.currency },
            margin: { amount: roundMoney(amount * rnd.float(0.12, 0.45)), currency: p.currency },
            status: nowMs - at < 20 * DAY ? 'open' : rnd.chance(0.03) ? 'cancelled' : 'fulfilled',
            sourceIds: {},
            updatedAt: iso(Math.min(nowMs, at + rnd.int(0, 20) * DAY)),
          };
          book.orders.push(ord);
          if (ord.status === 'cancelled') continue;
          const due = at + (p.cn ? rnd.pick([30, 60, 90]) : rnd.pick([30, 45])) * DAY;
          const inv: Invoice = {
            id: nid('inv', 'inv'),
            accountId: a.id,
            orderId: ord.id,
            amount: ord.amount,
            issuedAt: day(at),
            dueDate: day(due),
            sourceIds: {},
            updatedAt: iso(at),
          };
          const lateBias = (1 - p.mood) * 0.35;
          if (due < nowMs) {
            const r = rnd.next();
            if (r < 0.08 + lateBias * 0.3) {
              // Overdue: unpaid, or partly paid.
              if (rnd.chance(0.3)) inv.paidAmount = roundMoney(amount * rnd.float(0.2, 0.8));
            } else if (r < 0.2 + lateBias) {
              inv.paidDate = day(Math.min(nowMs - DAY, due + rnd.int(3, 90) * DAY));
            } else {
              inv.paidDate = day(at + rnd.next() * (due - at));
            }
          } else if (rnd.chance(0.4)) {
            inv.paidDate = day(Math.min(nowMs - DAY, at + rnd.int(1, 20) * DAY));
          }
          if (inv.paidDate) inv.updatedAt = iso(Math.max(at, Date.parse(inv.paidDate)));
          book.invoices.push(inv);
        }
      }
    }

    // Tickets: unhappy accounts file more, and more severe ones.
    const nTickets = Math.min(60, rnd.count(3 * f * (1.6 - p.mood)));
    for (let k = 0; k < nTickets; k++) {
      const severity: TicketSeverity = rnd.weighted([['critical', 0.05 + (1 - p.mood) * 0.08], ['high', 0.2], ['medium', 0.45], ['low', 0.3]]);
      const opened = ago(rnd.next() * 365);
      const respondHours = { critical: 1, high: 4, medium: 12, low: 36 }[severity] * rnd.float(0.3, 3);
      const age = (nowMs - opened) / DAY;
      const responded = opened + respondHours * 3_600_000;
      const picked = age > 30 ? (rnd.chance(0.9) ? rnd.pick(['resolved', 'closed'] as const) : 'open') : rnd.pick(['open', 'pending', 'resolved'] as const);
      // A ticket is resolved only after someone answered it, and before now.
      const resolvedMs = Math.min(nowMs - 60_000, Math.max(responded + 3_600_000, opened + rnd.float(0.2, 20) * DAY));
      const status = (picked === 'resolved' || picked === 'closed') && resolvedMs <= responded ? 'open' : picked;
      const t: Ticket = {
        id: nid('tkt', 'tkt'),
        accountId: a.id,
        contactId: rnd.pick(contacts).id,
        subject: rnd.pick(p.cn ? ticketSubjectsCn : ticketSubjectsEn),
        severity,
        status,
        openedAt: iso(opened),
        firstResponseAt: responded < nowMs ? iso(responded) : undefined,
        resolvedAt: status === 'resolved' || status === 'closed' ? iso(resolvedMs) : undefined,
        sourceIds: {},
        updatedAt: iso(opened),
      };
      clean(t);
      t.updatedAt = t.resolvedAt ?? t.firstResponseAt ?? t.openedAt;
      book.tickets.push(t);
      if (t.resolvedAt && rnd.chance(0.4)) {
        book.surveys.push({
          id: nid('srv', 'srv'), accountId: a.id, contactId: t.contactId, kind: 'csat',
          score: Math.min(5, Math.max(1, Math.round(1.5 + p.mood * 3.5 + rnd.float(-1, 1)))),
          answeredAt: iso(Math.min(nowMs - 60_000, Date.parse(t.resolvedAt) + rnd.int(1, 5) * DAY)),
          updatedAt: t.resolvedAt,
        });
      }
    }
    // NPS: twice a year, a few contacts answer.
    for (const monthsAgo of [2, 8]) {
      if (!rnd.chance(0.6 * Math.min(1, relatedFactor * 2))) continue;
      const n = rnd.int(1, Math.min(3, contacts.length));
      for (let k = 0; k < n; k++) {
        const s: Survey = {
          id: nid('srv', 'srv'), accountId: a.id, contactId: contacts[k].id, kind: 'nps',
          score: Math.min(10, Math.max(0, Math.round(p.mood * 10 + rnd.float(-2, 2)))),
          answeredAt: iso(ago(monthsAgo * 30 + rnd.int(0, 20))),
        };
        s.updatedAt = s.answeredAt;
        book.surveys.push(s);
      }
    }
  }
  return book;

  // ——— helpers that need the closure ———

  function makeOpportunity(p: AccountPlan, contacts: Contact[], o: number): Opportunity {
    const renewal = rnd.chance(0.3);
    const pipe = renewal ? renewalPipeline : newBusinessPipeline;
    const open = pipe.stages.filter((s) => s.kind === 'open').sort((x, y) => x.order - y.order);
    const won = pipe.stages.find((s) => s.kind === 'won')!;
    const lost = pipe.stages.find((s) => s.kind === 'lost')!;
    const createdMs = ago(rnd.int(5, 540));
    const oldDeal = nowMs - createdMs > 120 * DAY;
    const outcome = rnd.chance(oldDeal ? 0.75 : 0.2) ? (rnd.chance(renewal ? 0.7 : 0.35) ? 'won' : 'lost') : 'open';
    // The path through open stages, with the occasional step back and (where allowed) a skip.
    const reach = outcome === 'won' ? open.length - 1 : outcome === 'lost' ? rnd.int(0, open.length - 1) : rnd.weighted(open.map((_, i) => [i, open.length - i] as const));
    const path: Stage[] = [];
    for (let i = 0; i <= reach; i++) {
      if (pipe.rules.allowSkip && i > 0 && i < reach && rnd.chance(0.15)) continue;
      path.push(open[i]);
      if (i >= 1 && rnd.chance(0.06)) path.push(open[i - 1], open[i]);
    }
    if (outcome === 'won') path.push(won);
    if (outcome === 'lost') path.push(lost);
    // Timeline: closed deals span 2–30 weeks; open ones last moved recently, or long ago (idle).
    const endMs = outcome === 'open'
      ? Math.max(createdMs + DAY, nowMs - (rnd.chance(0.25) ? rnd.int(25, 120) : rnd.int(0, 18)) * DAY)
      : Math.min(nowMs - DAY, createdMs + rnd.int(14, 210) * DAY);
    const by = p.acc.ownerId;
    const history: StageHistoryEntry[] = [];
    const step = path.length > 1 ? (endMs - createdMs) / (path.length - 1) : 0;
    let t = createdMs;
    path.forEach((s, i) => {
      const entered = i === 0 ? createdMs : Math.min(endMs, Math.max(t + 3_600_000, createdMs + step * i * rnd.float(0.85, 1.1)));
      if (history.length) history[history.length - 1].leftAt = iso(entered);
      history.push(by ? { stageId: s.id, enteredAt: iso(entered), by } : { stageId: s.id, enteredAt: iso(entered) });
      t = entered;
    });
    const last = path[path.length - 1];
    const reached = new Set(path.map((s) => s.id));
    const checklist: Record<string, boolean> = {};
    for (const s of pipe.stages) if (reached.has(s.id)) for (const c of s.entryCriteria.checklist) checklist[c.id] = true;
    const size = 200_000 * p.weight * rnd.float(0.1, 0.8) / fxToCny(p.currency);
    const dm = contacts.find((c) => c.role === 'decision_maker') ?? contacts[0];
    const custom: Record<string, unknown> = {};
    const passed = (id: string) => path.some((s) => s.id === id);
    if (passed('st-proposal') || passed('rn-quote') || rnd.chance(0.2)) custom.budget = roundMoney(size * rnd.float(0.9, 1.4));
    if (passed('st-negotiation') || passed('rn-commit') || rnd.chance(0.1)) custom.decisionMaker = dm.name;
    const opp: Opportunity = {
      id: nid('opp', 'opp'),
      accountId: p.acc.id,
      pipelineId: pipe.id,
      stageId: last.id,
      name: renewal
        ? (p.cn ? `${p.short} 续约${o ? ' · 扩容' : ''}` : `${p.short} renewal${o ? ' + expansion' : ''}`)
        : (p.cn ? `${p.short} ${rnd.pick(['ERP升级项目', '产线数字化', '年度采购', '云平台迁移', '数据中台'])}` : `${p.short} ${rnd.pick(['platform rollout', 'plant digitisation', 'annual supply', 'cloud migration', 'analytics suite'])}`),
      amount: { amount: roundMoney(size), currency: p.currency },
      closeDate: outcome === 'open' ? day(nowMs + rnd.int(-25, 180) * DAY) : day(endMs),
      ownerId: rnd.chance(0.9) ? by : rnd.pick(owners).id,
      stageHistory: history,
      checklist,
      custom: Object.keys(custom).length ? custom : undefined,
      createdAt: iso(createdMs),
      updatedAt: iso(endMs),
      sourceIds: {},
    };
    if (outcome === 'open' && (last.order > 1 || rnd.chance(0.7)) && rnd.chance(0.85)) {
      opp.nextStep = { text: p.cn ? rnd.pick(['安排高层拜访', '提交修订报价', '确认技术方案', '跟进合同审批', '安排产品演示']) : rnd.pick(['Book exec meeting', 'Send revised quote', 'Confirm technical design', 'Chase contract approval', 'Schedule demo']), dueDate: day(nowMs + rnd.int(-10, 21) * DAY), done: false };
    }
    if (outcome === 'won') {
      opp.closedAt = iso(endMs);
      if (rnd.chance(0.8)) opp.wonReason = rnd.pick(p.cn ? wonReasonsCn : wonReasonsEn);
    } else if (outcome === 'lost') {
      opp.closedAt = iso(endMs);
      opp.lostReason = rnd.pick(p.cn ? lostReasonsCn : lostReasonsEn);
    }
    clean(opp);
    return opp;
  }
}

/** An 18-character unified social credit code lookalike (统一社会信用代码). */
function creditCode(rnd: Random): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '91' + String(rnd.int(110000, 659999));
  while (s.length < 18) s += chars[rnd.int(0, chars.length - 1)];
  return s;
}

function fxToCny(currency: string): number {
  return currency === 'CNY' ? 1 : sampleFxTable.snapshots[1].rates[currency] ?? 1;
}

function roundMoney(n: number): number {
  if (n >= 100_000) return Math.round(n / 1000) * 1000;
  if (n >= 1000) return Math.round(n / 10) * 10;
  return Math.round(n * 100) / 100;
}

/** Drops keys whose value is undefined, so records deep-equal their parsed form. */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

interface DupSpec {
  primary: string;
  secondary: string;
  taxId?: string;
  /** The duplicate writes the tax id differently (full-width, spaced). */
  taxIdVariant?: string;
  domain?: string;
  website?: string;
  sameSourceId?: string;
}

/** Known near-duplicate pairs, plus one more per 1,000 accounts for large books. */
function duplicateSpecs(total: number): DupSpec[] {
  const specs: DupSpec[] = [
    { primary: '华锐技术有限公司', secondary: '华锐技术 有限公司', taxId: '91440300279583285J' },
    { primary: 'Acme Co., Ltd.', secondary: 'ACME Inc', domain: 'acme.com', website: 'https://www.acme.com/contact' },
    { primary: '远航物流（中国）有限公司', secondary: '远航物流有限公司', taxId: '91310115MA1H7XKQ2B', taxIdVariant: '91310115 MA1H7XKQ2B' },
    { primary: 'Nordic Tools GmbH', secondary: 'Ｎｏｒｄｉｃ Ｔｏｏｌｓ ＧｍｂＨ', domain: 'nordictools.de', website: 'http://NordicTools.de/' },
    { primary: '金桥电子科技股份有限公司', secondary: '金桥电子科技股份有限公司', sameSourceId: '0015g00000JQ3XbAAL' },
  ];
  for (let k = 0; k < Math.floor(total / 1000) - 1; k++) {
    const n = k + 1;
    specs.push({ primary: `瑞丰智造${n}号有限公司`, secondary: `瑞丰智造${n}号 有限公司`, taxId: `91320500DUP${pad(n, 7)}` });
  }
  return specs;
}
