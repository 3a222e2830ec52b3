// Bilingual text. Officers read Vietnamese; English is there for advisers and
// integrators. Every label carries both languages: the chosen one reads first,
// the other follows small and muted. The choice is remembered per browser.
import { h } from './dom.js';

const KEY = 'motcua.lang';

export function currentLang() {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked by policy: Vietnamese, the default
  }
}

export function setLang(lang) {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // not remembered, but still applied to this page
  }
  applyLang(document);
}

/**
 * A bilingual label: <span class="bi"><span lang="vi">…</span><span lang="en">…</span></span>.
 * `compact` shows only the chosen language (buttons, badges, table cells),
 * where two languages side by side would crowd the line.
 */
export function bi(vi, en, { compact = false } = {}) {
  const el = h('span', { class: compact ? 'bi compact' : 'bi' });
  el.append(h('span', { lang: 'vi' }, vi));
  if (en && en !== vi) el.append(h('span', { lang: 'en' }, en));
  orderLabel(el, currentLang());
  return el;
}

/** A localized {vi, en} object (procedure and unit names) as a label. */
export function biText(text, options) {
  if (!text) return '—';
  if (typeof text === 'string') return text;
  return bi(text.vi, text.en, options);
}

/** A plain string in the chosen language, for attributes and the page title. */
export function tx(vi, en) {
  return currentLang() === 'en' && en ? en : vi;
}

/**
 * Puts the chosen language first in every label under `root`, and hides the
 * other from assistive technology so a label is read once, in one language.
 */
export function applyLang(root) {
  const lang = currentLang();
  document.documentElement.lang = lang;
  document.documentElement.dataset.lang = lang;
  for (const el of root.querySelectorAll('.bi')) orderLabel(el, lang);
}

function orderLabel(el, lang) {
  const primary = el.querySelector(`:scope > [lang="${lang}"]`);
  if (!primary) return; // a one-language label
  // A real space between the two, so copied or read-out text never runs them together.
  const others = [...el.children].filter((span) => span !== primary);
  el.replaceChildren(primary, ...others.flatMap((span) => (el.classList.contains('compact') ? [span] : [' ', span])));
  for (const span of el.children) {
    const secondary = span !== primary;
    span.classList.toggle('secondary', secondary);
    if (secondary) span.setAttribute('aria-hidden', 'true');
    else span.removeAttribute('aria-hidden');
  }
}
