// Refusal reasons said as one text: the rules' reasons carry no full stop of their own (the
// store's English messages), so each ends with one in the element's language before they are
// joined — English '. ' between sentences, Chinese '。' with no space. A reason that already ends
// in a stop gets none added. Imported only by the parts that say refusals (lazy), never up front.
import type { Locale } from '../shared/i18n.js';

export function sentences(locale: Locale, texts: readonly string[]): string {
  const zh = locale == 'zh-CN';
  return texts.map((s) => (s = s.trim()) && (/[.!?。！？]$/.test(s) ? s : s + (zh ? '。' : '.'))).filter(Boolean).join(zh ? '' : ' ');
}
