import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { DataSource, Store, WriteOp, WriteResult } from '@kamkit/core';
import type { SyncEngine } from '@kamkit/core/sync';
import { MemorySource } from '@kamkit/core/memory';
import './define.js';
import '../account-list/define.js';
import '../health-badge/define.js';
import '../account-360/define.js';
import { KamProvider } from './kam-provider.js';
import type { KamAccountList } from '../account-list/kam-account-list.js';
import type { KamHealthBadge } from '../health-badge/kam-health-badge.js';
import { sampleBook, sampleStore, injectionInert, SAMPLE_NOW } from '../../../../tests/fixtures/sample-store.js';
import { halfWidthInChinese } from '../account-360/test-fixtures.js';
import { failedLoad } from '../../../../tests/fixtures/failed-load.js';

const statusText = (el: KamProvider) => (el.shadowRoot!.querySelector('[part="message"]')?.textContent ?? '').trim();
const live = (el: KamProvider) => (el.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '').trim();
const part = (el: KamProvider, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const clock = () => new Date(SAMPLE_NOW);

/** A DataSource whose writes wait until released: the outbox is observably pending meanwhile. */
class GatedSource implements DataSource {
  readonly name = 'gated';
  private release?: () => void;
  private gate = new Promise<void>((r) => { this.release = r; });
  constructor(private readonly inner: DataSource) {}
  open(): void { this.release?.(); }
  capabilities() { return this.inner.capabilities(); }
  pipelines(o?: { signal?: AbortSignal }) { return this.inner.pipelines(o); }
  list: DataSource['list'] = (kind, opts) => this.inner.list(kind, opts);
  get: DataSource['get'] = (kind, id, opts) => this.inner.get(kind, id, opts);
  changes: DataSource['changes'] = (kind, since, opts) => this.inner.changes(kind, since, opts);
  async write(op: WriteOp): Promise<WriteResult> { await this.gate; return this.inner.write(op); }
}

/** Lie-fi: the browser says online, but no write gets an answer (a fetch TypeError) until `reachable`. */
class UnreachableSource extends GatedSource {
  reachable = false;
  override async write(op: WriteOp): Promise<WriteResult> {
    if (!this.reachable) throw new TypeError('Failed to fetch');
    this.open();
    return super.write(op);
  }
}

describe('<kam-provider>', () => {
  afterEach(async () => { await emulateMedia({ colorScheme: 'light' }); });

  it('loads a DataSource with progress, then provides the store to its children', async () => {
    const source = new MemorySource(sampleBook(30), { maxPageSize: 10 });
    const el = document.createElement('kam-provider') as KamProvider;
    el.clock = clock;
    const list = document.createElement('kam-account-list');
    list.style.height = '300px';
    el.append(list);
    const progress: Array<{ phase: string; done: number; total?: number }> = [];
    el.addEventListener('kam-sync-progress', (e) => progress.push(e.detail));
    el.source = source;
    const ready = oneEvent(el, 'kam-ready');
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.status).to.equal('loading');
      expect(part(el, 'progress')).to.exist;
      const { detail } = await ready;
      expect(detail.store).to.equal(el.activeStore);
      expect(detail.report!.counts.accounts).to.equal(30);
      expect(progress.some((p) => p.phase === 'accounts' && p.done === 30)).to.equal(true);
      expect(progress.filter((p) => p.phase === 'accounts').length).to.be.greaterThan(1); // paged by 10
      await el.updateComplete;
      expect(statusText(el)).to.equal('Up to date · 30 accounts');
      expect(live(el)).to.equal('Up to date · 30 accounts');
      const list = el.querySelector('kam-account-list') as KamAccountList;
      await list.updateComplete;
      expect(list.store).to.equal(el.activeStore);
      expect(list.shownCount).to.equal(30);
    } finally {
      el.remove();
    }
  });

  it('provides a ready store as-is and announces kam-ready', async () => {
    const store = sampleStore(8);
    const el = document.createElement('kam-provider') as KamProvider;
    el.store = store;
    el.append(document.createElement('kam-health-badge'));
    const ready = oneEvent(el, 'kam-ready');
    document.body.append(el);
    try {
      expect((await ready).detail.store).to.equal(store);
      const badge = el.querySelector('kam-health-badge') as KamHealthBadge;
      badge.accountId = store.all('accounts')[0].id;
      await badge.updateComplete;
      expect(badge.store).to.equal(store);
      expect(badge.label).to.match(/^Health \d+ of 100, (red|yellow|green)$/);
    } finally {
      el.remove();
    }
  });

  it('puts its status bar in a named landmark, so a page\'s landmarks hold all of its content', async () => {
    // The demo page wraps its <main> in the provider: the status bar above it sat outside every
    // landmark (axe: region), where landmark navigation never reaches it.
    const el = await fixture<KamProvider>(html`<kam-provider .store=${sampleStore(4)}></kam-provider>`);
    const bar = el.shadowRoot!.querySelector('[part="status"]')!;
    expect(bar.getAttribute('role')).to.equal('region');
    expect(bar.getAttribute('aria-label')).to.equal('Data status');
  });

  it('shows a source error with a retry that recovers', async () => {
    let failing = true;
    const source = new MemorySource(sampleBook(12), {
      fail: (call, d) => (failing && call === 'list' && d.kind === 'accounts' ? new Error('CRM answered 503 Service Unavailable') : undefined),
    });
    const errEvent = oneEvent(document, 'kam-error');
    const el = await fixture<KamProvider>(html`<kam-provider .source=${source} .clock=${clock}><kam-account-list></kam-account-list></kam-provider>`);
    const err = await errEvent;
    expect(err.detail.phase).to.equal('load');
    // The children see the failure too, as their own error state: shown, not said again (the status bar says it).
    const list = el.querySelector('kam-account-list') as KamAccountList;
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part~="state"]')!.textContent).to.contain('CRM answered 503');
    expect(list.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(err.detail.error.message).to.contain('503');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Could not load data: CRM answered 503 Service Unavailable');
    expect(part(el, 'status')!.classList.contains('error')).to.equal(true);
    failing = false;
    const ready = oneEvent(el, 'kam-ready');
    const retry = part(el, 'retry') as HTMLButtonElement;
    expect(retry.getBoundingClientRect().height).to.be.at.least(24); // a touch target
    retry.focus();
    retry.click();
    await el.updateComplete;
    // The button left with the failed state: its focus went to the status bar, not to <body>.
    const focusedPart = () => el.shadowRoot!.activeElement?.getAttribute('part') ?? document.activeElement?.localName;
    expect(focusedPart()).to.equal('status');
    await ready;
    await el.updateComplete;
    expect(statusText(el)).to.equal('Up to date · 12 accounts');
    expect(part(el, 'retry')).to.equal(null);
    expect(focusedPart()).to.equal('status');
    await list.updateComplete;
    expect(list.shownCount).to.equal(12);
  });

  it('retries its failed load when a Retry inside a child element is pressed', async () => {
    const { inner, retry } = await failedLoad(html`<kam-account-list></kam-account-list>`, sampleBook(12), clock);
    const list = inner as unknown as KamAccountList;
    const childRetry = list.shadowRoot!.querySelector('[part~="retry"]') as HTMLButtonElement;
    expect(childRetry.textContent).to.equal('Retry');
    await retry(childRetry);
    // The button went with the error (a loading line, then the rows took its place): focus stayed in the list.
    expect(childRetry.isConnected).to.equal(false);
    expect(document.activeElement?.localName).to.equal('kam-account-list');
    expect(list.shadowRoot!.activeElement).to.not.equal(null);
    expect(list.shownCount).to.equal(12);
    expect(list.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('keeps the focus in an account view whose Retry goes with the failed state', async () => {
    const { inner: view, retry } = await failedLoad(html`<kam-account-360 account-id=${sampleBook(12).accounts[0].id}></kam-account-360>`, sampleBook(12), clock);
    const button = view.shadowRoot!.querySelector('.state.error button') as HTMLButtonElement;
    await retry(button);
    expect(button.isConnected).to.equal(false);
    expect(document.activeElement?.localName).to.equal('kam-account-360');
    expect(view.shadowRoot!.activeElement).to.not.equal(null);
  });

  it('applies its healthOverrides in every badge inside, and drops them when cleared', async () => {
    const store = sampleStore(12);
    const id = store.all('accounts')[0]!.id;
    const el = await fixture<KamProvider>(html`<kam-provider .store=${store}><kam-health-badge account-id=${id}></kam-health-badge></kam-provider>`);
    const badge = el.querySelector('kam-health-badge') as KamHealthBadge;
    await badge.updateComplete;
    const computed = badge.label;
    expect(computed).to.match(/^Health \d+ of 100/);
    el.healthOverrides = [{ id: 'o1', accountId: id, value: 7, reason: 'Sponsor left', author: 'li.wei', createdAt: '2026-01-01T00:00:00Z', onlyLower: false }];
    await el.updateComplete;
    await badge.updateComplete;
    expect(badge.label).to.match(/^Health 7 of 100, red/);
    el.healthOverrides = undefined;
    await el.updateComplete;
    await badge.updateComplete;
    expect(badge.label).to.equal(computed);
  });

  it('loads the REST adapter lazily for an endpoint and reports its failures', async () => {
    const errEvent = oneEvent(document, 'kam-error');
    const el = await fixture<KamProvider>(html`<kam-provider endpoint="/__no_such_kam_api__/v1"></kam-provider>`);
    const err = await errEvent;
    // The adapter loaded (the failure is the backend's answer, not a missing module).
    expect(err.detail.phase).to.equal('load');
    expect(err.detail.message).to.match(/^Could not load data: /);
    await el.updateComplete;
    expect(part(el, 'retry')).to.exist;
  });

  it('degrades with a clear message when the REST adapter is missing', async () => {
    const original = KamProvider.restSourceFactory;
    KamProvider.restSourceFactory = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: @kamkit/adapters/rest'));
    try {
      const errEvent = oneEvent(document, 'kam-error');
      const el = await fixture<KamProvider>(html`<kam-provider endpoint="https://crm.example.com/kam/v1"></kam-provider>`);
      const err = await errEvent;
      expect(err.detail.phase).to.equal('adapter');
      await el.updateComplete;
      expect(statusText(el)).to.contain('The REST adapter (@kamkit/adapters) could not be loaded for https://crm.example.com/kam/v1');
      expect(statusText(el)).to.contain('give <kam-provider> a `source` instead');
    } finally {
      KamProvider.restSourceFactory = original;
    }
  });

  it('resumes a sync after its load from what it loaded: the first syncChanges reads only what changed since', async () => {
    const backend = new MemorySource(sampleBook(6));
    const asked: string[] = [];
    const source = new GatedSource(backend);
    source.changes = (kind, since, opts) => { asked.push(`${kind} ${since}`); return backend.changes(kind, since, opts); };
    const readyEvent = oneEvent(document, 'kam-ready');
    const el = await fixture<KamProvider>(html`<kam-provider .source=${source} .clock=${clock}></kam-provider>`);
    await readyEvent;
    const store = el.activeStore as Store;
    await waitUntil(() => store.writes && 'syncChanges' in store.writes, 'the sync engine is here', { timeout: 5000 });
    const engine = store.writes as SyncEngine;
    // Someone changes one account on the backend after the load.
    const changed = backend.serverEdit('accounts', store.all('accounts')[2].id, { name: 'Renamed on the server' });
    const report = await engine.syncChanges();
    // Each kind asked from a second before its newest loaded record, not from 1970 (every record again).
    const newest = Math.max(...sampleBook(6).accounts.map((a) => Date.parse(a.updatedAt!)));
    expect(asked.find((a) => a.startsWith('accounts '))).to.equal(`accounts ${new Date(newest - 1000).toISOString()}`);
    // (a kind whose records carry no updatedAt, the sample's team members, has nothing to resume from)
    const loaded = sampleBook(6) as unknown as Record<string, Array<{ updatedAt?: string }>>;
    const fromScratch = asked.filter((a) => a.endsWith('1970-01-01T00:00:00.000Z') && loaded[a.split(' ')[0]]?.some((r) => r.updatedAt));
    expect(fromScratch, 'kinds with stamped records loaded, read again from 1970').to.deep.equal([]);
    expect(report.applied.accounts).to.equal(1);
    expect(store.get('accounts', changed.id)!.name).to.equal('Renamed on the server');
  });

  it('counts writes waiting to sync, and offline', async () => {
    const gated = new GatedSource(new MemorySource(sampleBook(6)));
    const readyEvent = oneEvent(document, 'kam-ready');
    const el = await fixture<KamProvider>(html`<kam-provider .source=${gated} .clock=${clock}></kam-provider>`);
    await readyEvent;
    const store = el.activeStore!;
    const id = store.all('accounts')[0].id;
    await store.update!('accounts', id, { name: 'Renamed Ltd' });
    await store.update!('accounts', store.all('accounts')[1].id, { tier: 'A' });
    await waitUntil(() => el.pendingCount === 2, 'two writes pending', { timeout: 5000 });
    await el.updateComplete;
    expect(part(el, 'pending')!.textContent!.trim()).to.equal('2 changes waiting to sync');
    expect(live(el)).to.contain('2 changes waiting to sync');
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(part(el, 'offline')!.textContent).to.contain('Offline');
    window.dispatchEvent(new Event('online'));
    gated.open();
    await waitUntil(() => el.pendingCount === 0, 'writes confirmed', { timeout: 5000 });
    await el.updateComplete;
    expect(part(el, 'pending')).to.equal(null);
    expect(part(el, 'offline')).to.equal(null);
  });

  it('says offline when the backend stops answering while the browser says online (lie-fi), and recovers (en, zh-CN)', async () => {
    expect(navigator.onLine).to.equal(true);
    for (const [locale, offline, ready] of [['en', 'Offline — changes are kept and sent when you reconnect', 'Up to date · 6 accounts'], ['zh-CN', '离线——修改已保存，恢复网络后自动同步', '已是最新 · 6 个客户']]) {
      const source = new UnreachableSource(new MemorySource(sampleBook(6)));
      const readyEvent = oneEvent(document, 'kam-ready');
      const el = await fixture<KamProvider>(html`<kam-provider locale=${locale} .source=${source} .clock=${clock}></kam-provider>`);
      await readyEvent;
      // (the zh-CN table is a chunk of its own: English shows until it arrives, which a loaded CI host can make later than the outage below)
      await waitUntil(() => live(el).startsWith(ready), `${locale}: ready, in its own words`, { timeout: 3000 });
      const store = el.activeStore as Store;
      await waitUntil(() => store.writes && 'status' in store.writes, 'the sync engine is here', { timeout: 5000 });
      const engine = store.writes as SyncEngine;
      // (probes a few ms apart instead of seconds: the engine says offline after 2 unanswered ones)
      Object.assign(engine.retry, { max: 2, baseMs: 5, capMs: 20 });
      await store.update!('accounts', store.all('accounts')[0].id, { name: 'Renamed Ltd' });
      await waitUntil(() => engine.status === 'offline', 'the engine says offline', { timeout: 5000 });
      await waitUntil(() => part(el, 'offline') !== null, `${locale}: the chip says offline`, { timeout: 3000 });
      expect(part(el, 'offline')!.textContent).to.equal(offline);
      await waitUntil(() => live(el).includes(offline), `${locale}: offline is announced`, { timeout: 3000 });
      expect(el.pendingCount).to.equal(1);
      source.reachable = true;
      await waitUntil(() => el.pendingCount === 0 && part(el, 'offline') === null, `${locale}: back to normal once the write lands`, { timeout: 3000 });
      await el.updateComplete;
      expect(live(el)).not.to.contain(offline);
      expect(part(el, 'pending')).to.equal(null);
      el.remove();
    }
  });

  it('says one of a thing in the singular: 1 record skipped, 1 change waiting, 1 change needing attention', async () => {
    const book = sampleBook(6);
    book.accounts.push({ id: 'bad-0', name: '' } as never);
    // A backend that refuses every write for good (a 4xx), once the gate lets it answer.
    const backend = new MemorySource(book);
    backend.write = async () => { throw Object.assign(new Error('HTTP 422: name locked'), { status: 422 }); };
    const gated = new GatedSource(backend);
    const readyEvent = oneEvent(document, 'kam-ready');
    const el = await fixture<KamProvider>(html`<kam-provider .source=${gated} .clock=${clock}></kam-provider>`);
    await readyEvent;
    await el.updateComplete;
    expect(part(el, 'rejected')!.textContent).to.equal('1 record skipped (invalid)');
    const store = el.activeStore!;
    await store.update!('accounts', store.all('accounts')[0].id, { name: 'Renamed Ltd' });
    await waitUntil(() => el.pendingCount === 1, 'a write pending', { timeout: 5000 });
    await el.updateComplete;
    expect(part(el, 'pending')!.textContent!.trim()).to.equal('1 change waiting to sync');
    // The backend refuses it for good: one change needs the user.
    gated.open();
    const attention = () => el.shadowRoot!.querySelector('[part="pending attention"]');
    await waitUntil(() => attention() !== null, 'the refused write is counted', { timeout: 5000 });
    expect(attention()!.textContent!.trim()).to.equal('1 change needing attention');
  });

  it('announces the records it skipped once per load (en, zh-CN)', async () => {
    for (const [locale, skipped, ready] of [['en', '2 records skipped (invalid)', 'Up to date · 6 accounts'], ['zh-CN', '已跳过 2 条无效记录', '已是最新 · 6 个客户']]) {
      const book = sampleBook(6);
      book.accounts.push({ id: 'bad-0', name: '' } as never, { id: 'bad-1', name: '' } as never);
      const gated = new GatedSource(new MemorySource(book));
      let readyEvent = oneEvent(document, 'kam-ready');
      const el = await fixture<KamProvider>(html`<kam-provider locale=${locale} .source=${gated} .clock=${clock}></kam-provider>`);
      await readyEvent;
      await waitUntil(() => live(el).startsWith(ready), `${locale}: ready`, { timeout: 3000 });
      expect(part(el, 'rejected')!.textContent).to.equal(skipped);
      expect(live(el)).to.contain(skipped);
      // said once: the next change the live region announces does not repeat it (it stays shown)
      await el.activeStore!.update!('accounts', el.activeStore!.all('accounts')[0].id, { name: 'Renamed Ltd' });
      await waitUntil(() => el.pendingCount === 1, 'a write pending', { timeout: 5000 });
      await el.updateComplete;
      expect(live(el)).not.to.contain(skipped);
      expect(part(el, 'rejected')!.textContent).to.equal(skipped);
      gated.open();
      await waitUntil(() => el.pendingCount === 0, 'the write lands', { timeout: 5000 });
      // a new load says it again
      readyEvent = oneEvent(el, 'kam-ready');
      el.retry();
      await readyEvent;
      await el.updateComplete;
      expect(live(el)).to.contain(skipped);
      el.remove();
    }
  });

  it('says a load that failed before its Chinese table arrived in Chinese, with full-width punctuation; offline too', async () => {
    const source = new MemorySource(sampleBook(3), { fail: (call) => (call === 'list' ? new Error('CRM answered 503') : undefined) });
    const errEvent = oneEvent(document, 'kam-error');
    const el = await fixture<KamProvider>(html`<kam-provider locale="zh-CN" .source=${source} .clock=${clock}></kam-provider>`);
    await errEvent;
    window.dispatchEvent(new Event('offline'));
    try {
      // (The failure came first: the error line is worded again once the table is here.)
      await waitUntil(() => statusText(el) === '数据加载失败：CRM answered 503', 'the error line in Chinese once the table is here', { timeout: 3000 });
      expect(statusText(el)).to.equal('数据加载失败：CRM answered 503');
      expect(part(el, 'offline')!.textContent).to.equal('离线——修改已保存，恢复网络后自动同步');
      // what the live region says, its sentences joined by a full-width stop
      expect(live(el)).to.equal('数据加载失败：CRM answered 503。离线——修改已保存，恢复网络后自动同步');
      expect(halfWidthInChinese(el)).to.deep.equal([]);
    } finally { window.dispatchEvent(new Event('online')); }
  });

  it('joins the sentences it announces with exactly one stop when a message already ends in one (en, zh-CN)', async () => {
    const original = KamProvider.restSourceFactory;
    try {
      for (const [locale, message, said] of [
        // the adapter's message ends in a stop, the sentence after it too
        ['en', 'Module not found.', 'The REST adapter (@kamkit/adapters) could not be loaded for /kam: Module not found. Install @kamkit/adapters, or give <kam-provider> a `source` instead. Offline — changes are kept and sent when you reconnect'],
        ['zh-CN', 'Module not found', '无法为 /kam 加载 REST 适配器（@kamkit/adapters）：Module not found。请安装 @kamkit/adapters，或为 <kam-provider> 提供 `source`。离线——修改已保存，恢复网络后自动同步'],
      ]) {
        KamProvider.restSourceFactory = () => Promise.reject(new Error(message));
        const errEvent = oneEvent(document, 'kam-error');
        const el = await fixture<KamProvider>(html`<kam-provider locale=${locale} endpoint="/kam"></kam-provider>`);
        await errEvent;
        window.dispatchEvent(new Event('offline'));
        await waitUntil(() => live(el) === said, locale, { timeout: 3000 }).catch(() => undefined);
        expect(live(el), locale).to.equal(said);
        expect(statusText(el)).to.equal(said.slice(0, said.lastIndexOf(locale === 'en' ? ' Offline' : '离线')));
      }
      // A load error whose message ends in a stop: none added before the next sentence.
      const source = new MemorySource(sampleBook(3), { fail: (call) => (call === 'list' ? new Error('CRM answered 503.') : undefined) });
      const errEvent = oneEvent(document, 'kam-error');
      const el = await fixture<KamProvider>(html`<kam-provider .source=${source} .clock=${clock}></kam-provider>`);
      await errEvent;
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(live(el)).to.equal('Could not load data: CRM answered 503. Offline — changes are kept and sent when you reconnect');
    } finally {
      KamProvider.restSourceFactory = original;
      window.dispatchEvent(new Event('online'));
    }
  });

  it('provides locale, reporting currency and theme to its children (auto follows the system)', async () => {
    const store = sampleStore(4);
    const el = await fixture<KamProvider>(html`<kam-provider .store=${store} locale="zh-CN" currency="USD" theme="dark">
      <kam-account-list></kam-account-list></kam-provider>`);
    const list = el.querySelector('kam-account-list') as KamAccountList;
    await list.updateComplete;
    expect(list.resolvedLocale).to.equal('zh-CN');
    expect(list.reportingCurrency).to.equal('USD');
    expect(list.getAttribute('kam-theme')).to.equal('dark');
    expect(el.getAttribute('kam-theme')).to.equal('dark');
    // The provider shows English until its zh-CN table arrives (its own chunk), then renders again.
    await waitUntil(() => statusText(el) === '已是最新 · 4 个客户', 'the zh-CN status line', { timeout: 5000 });
    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'auto';
    await el.updateComplete;
    await list.updateComplete;
    expect(list.getAttribute('kam-theme')).to.equal('dark');
    // Re-resolved against the system on the next update.
    await emulateMedia({ colorScheme: 'light' });
    el.requestUpdate();
    await el.updateComplete;
    await list.updateComplete;
    expect(list.getAttribute('kam-theme')).to.equal('light');
  });

  it('says so when it has no data source', async () => {
    const el = await fixture<KamProvider>(html`<kam-provider></kam-provider>`);
    expect(el.status).to.equal('idle');
    expect(statusText(el)).to.equal('No data source');
  });

  it('passes axe in light and dark, in every state', async () => {
    const ok = await fixture<KamProvider>(html`<kam-provider .store=${sampleStore(4)}><p>content</p></kam-provider>`);
    await ok.updateComplete;
    await expect(ok).to.be.accessible();
    const failing = new MemorySource(sampleBook(3), { fail: () => new Error('down') });
    const errEvent = oneEvent(document, 'kam-error');
    const bad = await fixture<KamProvider>(html`<kam-provider theme="dark" .source=${failing}></kam-provider>`);
    await errEvent;
    await bad.updateComplete;
    await expect(bad).to.be.accessible();
  });

  it('renders an injected error message inert', async () => {
    const payload = '<img src=x onerror="window.__kamXss=1"><script>window.__kamXss=1</script>';
    const source = new MemorySource(sampleBook(3), { fail: () => new Error(payload) });
    const errEvent = oneEvent(document, 'kam-error');
    const el = await fixture<KamProvider>(html`<kam-provider .source=${source}></kam-provider>`);
    await errEvent;
    await el.updateComplete;
    expect(statusText(el)).to.contain(payload);
    expect(injectionInert(el)).to.equal(true);
  });
});
