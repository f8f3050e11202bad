// The language of the page: Vietnamese by default, English when switched (kept in
// localStorage). t(key, params) gives the app's own words from messages.js; everything else
// on the page comes from the server in the language asked (lang "vi" / "en").

import { MESSAGES } from './messages.js';

const KEY = 'coopledger.lang';
const listeners = new Set();

function stored() {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch (_) {
    return 'vi';
  }
}

let lang = stored();

export function currentLang() {
  return lang;
}

export function setLang(next) {
  const chosen = next === 'en' ? 'en' : 'vi';
  if (chosen === lang) return;
  lang = chosen;
  try {
    localStorage.setItem(KEY, lang);
  } catch (_) {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// The message `key` in the current language, with {name} replaced by params.name.
export function t(key, params) {
  const table = MESSAGES[lang];
  const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

// The words for a value the server sends as a name (a status, an enum): the message
// `${prefix}.${value}`, or the value itself when the table has none.
export function tValue(prefix, value) {
  const key = `${prefix}.${value}`;
  return Object.prototype.hasOwnProperty.call(MESSAGES[lang], key) ? MESSAGES[lang][key] : String(value ?? '');
}
