// A health band's name on screen, one wording across the page: the default model's bands read in
// zh-CN as the band word the badge and the explainer use (红色 / 黄色 / 绿色, from the badge's lazy
// zh-CN table); a model's own band shows its label as given.
import { defaultHealthModel } from '@kamkit/core/health';
import { bandWord } from '../health-badge/strings.js';
import type { Locale } from './i18n.js';

export function bandName(locale: Locale, band: { id: string; label: string; tone: string }): string {
  return locale !== 'en' && defaultHealthModel.bands.some((b) => b.id === band.id && b.label === band.label) ? bandWord(locale, band.tone) : band.label;
}
