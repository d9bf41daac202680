// The demo intranet page's own script: what a host developer writes to drop KAM Kit in.
// It picks a data source, hands the provider a store, and wires selection between elements.
import '@kamkit/elements/define-all';
import type { Store } from '@kamkit/core';
import { OverrideLedger } from '@kamkit/core/health';
import { sampleFxTable } from '@kamkit/core/sample';
import { createEmbeddedSource, openOfflineStore, resetEmbeddedSource, deleteKamDb } from '@kamkit/core/persistence';
import { openDB } from 'idb';
import type { KamAccount360, KamAlerts, KamProvider } from '@kamkit/elements';

type SourceMode = 'embedded' | 'salesforce' | 'zoho' | 'kingdee' | 'rest';
const EMBEDDED_DB = 'kamkit-demo';
const CLIENT_DB = 'kamkit-demo-client';
const OVERRIDES_DB = 'kamkit-demo-overrides';

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const provider = $<KamProvider>('#kam');
const sourceSwitch = $<HTMLSelectElement>('#source-switch');
const localeSwitch = $<HTMLSelectElement>('#locale-switch');
const themeSwitch = $<HTMLSelectElement>('#theme-switch');
const explainer = $<HTMLElement & { accountId?: string; overrides?: unknown }>('#health-explainer');
const account360 = $<KamAccount360>('#account-360');
const bookAlerts = $<KamAlerts>('#book-alerts');
const stagePath = $<HTMLElement & { opportunityId?: string }>('#stage-path');
const accountList = $<HTMLElement & { selectedIds: readonly string[] }>('#account-list');

// The host page's own words in Chinese (the elements bring their own). Each entry: an element, or
// a label's first text node (its select stays), and the Chinese; the English is the page's own.
const pageZh: Array<[selector: string, zh: string, attr?: string]> = [
  ['.skip', '跳到正文'], ['.main-nav', '主导航', 'aria-label'], ['.controls', '演示设置', 'aria-label'],
  ['.main-nav a[data-page="customers"]', '客户'], ['.main-nav a[data-page="sales"]', '销售'],
  ['.main-nav a[data-page="management"]', '管理'], ['.main-nav a[target]', '文档'],
  ['label:has(#source-switch)', '数据'], ['label:has(#locale-switch)', '语言'], ['label:has(#theme-switch)', '主题'],
  ['#source-switch [value="embedded"]', '内置（IndexedDB）'], ['#source-switch [value="salesforce"]', 'Salesforce 模拟服务（经中继）'],
  ['#source-switch [value="zoho"]', 'Zoho CRM 模拟服务（经中继）'], ['#source-switch [value="kingdee"]', '金蝶模拟服务（经中继）'],
  ['#source-switch [value="rest"]', 'REST 模拟服务'],
  ['#theme-switch [value="light"]', '浅色'], ['#theme-switch [value="dark"]', '深色'], ['#theme-switch [value="auto"]', '跟随系统'],
  ['#reset-book', '重置示例数据'],
  ['#customers-title', '客户'], ['#customers .lead', '我们的大客户。选择一个客户，查看它的全貌，以及健康度为何如此。'],
  ['#sales-title', '销售管道'], ['#sales .lead', '拖动商机，或聚焦一张卡片，按空格键拿起、方向键移动、再按空格键放下。移动在重新加载后仍会保留。'],
  ['#sales h2', '所选商机'],
  ['#management-title', '管理驾驶舱'], ['#management .lead', '整个客户组合一览，以及需要关注的事项。'], ['#management h2', '预警'],
  ['.intranet-footer', '演示数据由程序生成（种子 1），保存在本浏览器的 IndexedDB 中。基于 KAM Kit 构建。'],
];
// Each entry's place, found once (the page is static): an attribute, a label's leading text node,
// or the element's text; with the English the page has there.
const pageWords = pageZh.flatMap(([sel, zh, attr]) => {
  const el = document.querySelector(sel);
  if (!el) return [];
  if (attr) return [{ zh, en: el.getAttribute(attr) ?? '', set: (v: string) => el.setAttribute(attr, v) }];
  const label = el.localName === 'label';
  const node = label ? el.firstChild! : el;
  return [{ zh, en: node.textContent!.trim(), set: (v: string) => { node.textContent = label ? `${v} ` : v; } }];
});
const titleEn = document.title;

// ——— settings kept across reloads (never credentials: the relay holds those) ———
const params = new URLSearchParams(location.search);
const mode = (params.get('source') ?? localStorage.getItem('kamkit-demo.source') ?? 'embedded') as SourceMode;
const locale = params.get('lang') ?? localStorage.getItem('kamkit-demo.locale') ?? 'en';
const theme = localStorage.getItem('kamkit-demo.theme') ?? 'light';
sourceSwitch.value = mode;
localeSwitch.value = locale;
themeSwitch.value = theme;
applyLocale(locale);
applyTheme(theme);

sourceSwitch.addEventListener('change', () => {
  localStorage.setItem('kamkit-demo.source', sourceSwitch.value);
  const url = new URL(location.href);
  url.searchParams.delete('source');
  location.replace(url);
});
localeSwitch.addEventListener('change', () => {
  localStorage.setItem('kamkit-demo.locale', localeSwitch.value);
  applyLocale(localeSwitch.value);
});
themeSwitch.addEventListener('change', () => {
  localStorage.setItem('kamkit-demo.theme', themeSwitch.value);
  applyTheme(themeSwitch.value);
});
$('#reset-book').addEventListener('click', async () => {
  await resetEmbeddedSource(EMBEDDED_DB);
  await deleteKamDb(CLIENT_DB);
  indexedDB.deleteDatabase(OVERRIDES_DB);
  localStorage.removeItem(ALERTS_KEY);
  location.reload();
});

function applyLocale(value: string) {
  document.documentElement.lang = value;
  provider.locale = value;
  const zh = value === 'zh-CN';
  for (const w of pageWords) w.set(zh ? w.zh : w.en); // text, never markup
  document.title = zh ? 'Contoso 企业门户 — 大客户' : titleEn;
}
function applyTheme(value: string) {
  const dark = value === 'dark' || (value === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  provider.theme = value as 'light' | 'dark' | 'auto';
}

// ——— pages: plain hash navigation, as an intranet would have ———
function showPage() {
  const pages = [...document.querySelectorAll<HTMLElement>('main > .page')];
  const named = location.hash.slice(1).split('/')[0];
  // A hash that names no page (the skip link's #main) keeps the page shown: hiding every page left the window blank.
  const page = pages.some((s) => s.id === named) ? named : pages.find((s) => !s.hidden)?.id ?? 'customers';
  for (const s of pages) s.hidden = s.id !== page;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.main-nav a[data-page]')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}
addEventListener('hashchange', showPage);
showPage();

// ——— data: the embedded sample book in IndexedDB, or a vendor fake through the relay ———
provider.fx = sampleFxTable;
async function connect(): Promise<void> {
  if (mode === 'embedded') {
    const source = createEmbeddedSource({ dbName: EMBEDDED_DB });
    const offline = await openOfflineStore({ source, dbName: CLIENT_DB, store: { reportingCurrency: 'CNY', fx: sampleFxTable } });
    provider.store = offline.store;
    await wireStore(offline.store);
  } else {
    // Same origin: `npm start` proxies /relay/<vendor> to a relay in front of that vendor's fake.
    provider.endpoint = `${location.origin}/relay/${mode}`;
    provider.addEventListener('kam-ready', (e) => void wireStore(e.detail.store as unknown as Store), { once: true });
  }
}

async function wireStore(store: Store): Promise<void> {
  const first = store.query('accounts', { sort: [{ field: 'tier' }, { field: 'name' }], limit: 1 }).items[0];
  if (first) selectAccount(first.id);
  const firstOpen = store.all('opportunities').find((o) => !o.closedAt);
  if (firstOpen) stagePath.opportunityId = firstOpen.id;
  await loadOverrides();
}

function selectAccount(id: string) {
  account360.accountId = id;
  explainer.accountId = id;
  // the list marks the account the detail shows, however it was picked
  if (accountList.selectedIds[0] !== id) accountList.selectedIds = [id];
}

provider.addEventListener('kam-account-select', (e) => {
  const id = e.detail.ids[0];
  if (id) selectAccount(id);
});
provider.addEventListener('kam-account-open', (e) => {
  selectAccount(e.detail.account.id);
  account360.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
provider.addEventListener('kam-stage-moved', (e) => {
  stagePath.opportunityId = e.detail.opportunity.id;
});

// ——— health overrides: the explainer asks, the host decides and keeps them (here: IndexedDB).
// Handed to the provider, they apply in every badge, the list and the explainer. ———
const ledgerDb = openDB(OVERRIDES_DB, 1, { upgrade: (db) => db.createObjectStore('ledger') });
let ledger = new OverrideLedger();
async function loadOverrides() {
  const saved = await (await ledgerDb).get('ledger', 'main');
  if (saved) ledger = OverrideLedger.from(saved);
  provider.healthOverrides = [...ledger.overrides()];
}
provider.addEventListener('kam-override-request', async (e) => {
  const d = e.detail;
  if (!d.accountId) return;
  ledger.set({ id: crypto.randomUUID(), accountId: d.accountId, value: d.value, reason: d.reason, expiresAt: d.expiresAt, onlyLower: d.onlyLower, author: 'demo.user' }, new Date());
  await (await ledgerDb).put('ledger', ledger.toJSON(), 'main');
  provider.healthOverrides = [...ledger.overrides()];
});

// ——— dismissed and snoozed alerts: the elements report them, the host keeps them (here:
// localStorage) and hands them back, so they stay hidden after a reload — in the Management
// page's alerts and in the 360 view's. An alert whose snooze is over shows again. ———
const ALERTS_KEY = 'kamkit-demo.alerts';
const hiddenAlerts: { dismissed: string[]; snoozed: Record<string, string> } = { dismissed: [], snoozed: {} };
try { Object.assign(hiddenAlerts, JSON.parse(localStorage.getItem(ALERTS_KEY) ?? '{}')); } catch { /* unreadable: start afresh */ }
function showHiddenAlerts() {
  bookAlerts.dismissed = account360.dismissedAlerts = [...hiddenAlerts.dismissed];
  bookAlerts.snoozed = account360.snoozedAlerts = { ...hiddenAlerts.snoozed };
}
showHiddenAlerts();
function keepHiddenAlerts() {
  localStorage.setItem(ALERTS_KEY, JSON.stringify(hiddenAlerts));
  showHiddenAlerts(); // the same alert in the other element goes too
}
provider.addEventListener('kam-alert-dismiss', (e) => { hiddenAlerts.dismissed.push(e.detail.alert.id); keepHiddenAlerts(); });
provider.addEventListener('kam-alert-snooze', (e) => { hiddenAlerts.snoozed[e.detail.alert.id] = e.detail.until; keepHiddenAlerts(); });

void connect().catch((err) => {
  console.error(err);
  provider.dispatchEvent(new CustomEvent('kam-error', { detail: { phase: 'load', error: err, message: String(err?.message ?? err) }, bubbles: true, composed: true }));
});
