// Lit's template tags, the translator maker, Intl's formatters and `errorMessage`, as the board's
// and the stage path's lazy parts use them: handed over by their element (parts.ts' `rules`,
// through `withKit`) when a part arrives, not imported. Imported by the parts themselves, lit and
// shared/i18n.ts would be shared with the page as a file of their own, loaded up front.
// A module of the lazy parts only. What a part makes when it is evaluated (its translators, its
// styles) waits for the kit (`later`): its element hands it over before anything of the part runs.
import type { adoptStyles as AdoptStyles, css as Css, html as Html, nothing as Nothing } from 'lit';
import type { defineStrings as DefineStrings, formatDate as FormatDate, formatMoney as FormatMoney, formatNumber as FormatNumber, Locale, StringsDefinition, Translator } from '../shared/i18n.js';
import type { errorMessage as ErrorMessage } from '../shared/errors.js';

/** What an element hands its lazy parts (all of it already on the page). */
export interface Kit {
  html: typeof Html;
  css: typeof Css;
  nothing: typeof Nothing;
  adoptStyles: typeof AdoptStyles;
  defineStrings: typeof DefineStrings;
  formatDate: typeof FormatDate;
  formatMoney: typeof FormatMoney;
  formatNumber: typeof FormatNumber;
  errorMessage: typeof ErrorMessage;
}

let kit: Kit | undefined;
export let html: Kit['html'];
export let css: Kit['css'];
export let nothing: Kit['nothing'];
export let adoptStyles: Kit['adoptStyles'];
export let formatDate: Kit['formatDate'];
export let formatMoney: Kit['formatMoney'];
export let formatNumber: Kit['formatNumber'];
export let errorMessage: Kit['errorMessage'];
const waiting: (() => void)[] = [];

/** Runs `make` once the kit is here: at once if it is, else when the element hands it over. */
export const later = (make: () => void): void => void (kit ? make() : waiting.push(make));

/** Takes the element's kit (the first part to arrive brings it) and makes what waited for it. */
export function fill(k: Kit): void {
  if (kit) return;
  ({ html, css, nothing, adoptStyles, formatDate, formatMoney, formatNumber, errorMessage } = kit = k);
  for (const make of waiting) make();
}

/** shared/i18n.ts' `defineStrings` for a part's own words: the translator is made when the kit arrives. */
export function defineStrings<En extends Record<string, string>>(strings: StringsDefinition<En>): Translator<Extract<keyof En, string>> {
  let t!: Translator<Extract<keyof En, string>>;
  later(() => { t = kit!.defineStrings(strings); });
  return Object.assign((l: Locale, key: Extract<keyof En, string>, p?: Parameters<typeof t>[2]) => t(l, key, p), { load: (l: Locale) => t.load(l), ready: (l: Locale) => t.ready(l) });
}
