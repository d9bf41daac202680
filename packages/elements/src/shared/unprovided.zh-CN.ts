// Simplified Chinese of unprovided.ts: loaded on demand, never up front.
import type { Translation } from './i18n.js';
import type { UnprovidedEn } from './unprovided.js';

export default {
  noProvider: '请将 <{tag}> 放在 <kam-provider> 内，或设置其 store。',
} satisfies Translation<UnprovidedEn>;
