// Test helpers: a real Store loaded with the sample book, and a host that provides it (and
// settings) through @lit/context, as <kam-provider> does.
import { fixture, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import type { TemplateResult } from 'lit';
import { Store, type Book } from '@kamkit/core';
import { storeContext, settingsContext, type KamSettings, type KamStore } from '../shared/context.js';
import { sampleBook, fx, NOW } from './test-fixtures.js';

export function makeStore(book: Partial<Book> = sampleBook()): Store {
  return Store.fromBook(book, { fx, now: () => NOW, reportingCurrency: 'CNY' });
}

class TestProvider extends HTMLElement {
  storeProvider = new ContextProvider(this, { context: storeContext });
  settingsProvider = new ContextProvider(this, { context: settingsContext });
}
if (!customElements.get('kam-test-provider')) customElements.define('kam-test-provider', TestProvider);

/** Renders `content` inside a host that provides `store` (and optional settings) by context. */
export async function provide(store: KamStore, content: TemplateResult, settings?: KamSettings): Promise<TestProvider> {
  const host = document.createElement('kam-test-provider') as TestProvider;
  host.storeProvider.setValue(store);
  if (settings) host.settingsProvider.setValue(settings);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.appendChild(host);
  const { render } = await import('lit');
  render(content, host);
  // Timers, not animation frames: a background tab (parallel test pages) runs no frames.
  await new Promise((r) => setTimeout(r, 0));
  for (const el of host.querySelectorAll('*')) await (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
  return host;
}
