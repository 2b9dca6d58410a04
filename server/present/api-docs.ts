// The API reference at /api in either language (接口文档). docs/api.md is the one source of the
// routes and their order; docs/api.zh-CN.md says each of its sections in Chinese, matched by the
// English section's anchor: a route heading is the route itself (an identifier, the same in both
// files), a prose heading carries the English anchor as `{#id}`. The Chinese page walks the English
// sections, so a route added to docs/api.md appears on it at once — in English, marked lang="en",
// until it is translated — and a route dropped from docs/api.md disappears from both languages.
import type { Lang, Translate } from '../../models/i18n/index.js';
import { HEADING, headingOf, markdownToHtml } from './markdown.js';
import { escapeHtml } from './view-helpers.js';

/** One heading of a doc and the text under it up to the next heading. */
export interface DocSection { id: string; heading: string; level: number; body: string }

/** A doc cut at its headings (a `#` line inside a fenced code block is code, not a heading). */
export function docSections(md: string): { preface: string; sections: DocSection[] } {
  const sections: DocSection[] = [];
  const preface: string[] = [];
  let inCode = false;
  for (const line of md.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const h = inCode ? null : HEADING.exec(line);
    if (h) {
      const { text, id } = headingOf(h[2]!);
      sections.push({ id, heading: text, level: h[1]!.length, body: '' });
      continue;
    }
    const last = sections[sections.length - 1];
    if (last) last.body += `${line}\n`;
    else preface.push(line);
  }
  return { preface: preface.join('\n'), sections };
}

/** Anchors one doc has and the other lacks: both lists empty when the translation covers every section. */
export function sectionDrift(english: string, translated: string): { untranslated: string[]; unknown: string[] } {
  const en = docSections(english).sections.map((s) => s.id);
  const other = new Set(docSections(translated).sections.map((s) => s.id));
  return { untranslated: en.filter((id) => !other.has(id)), unknown: [...other].filter((id) => !en.includes(id)) };
}

/** A section as Markdown under the English section's level and anchor. */
const sectionMd = (s: DocSection, said: DocSection) => `${'#'.repeat(s.level)} ${said.heading} {#${s.id}}\n\n${said.body}`;

/** The reference as HTML in `lang`: docs/api.md itself in English; in Chinese every English section
 *  in its order, said by the translation where it has that section, else in English with a note. */
export function apiReferenceHtml(english: string, chinese: string, lang: Lang, t: Translate): string {
  if (lang === 'en') return markdownToHtml(english);
  const translated = docSections(chinese);
  const zh = new Map(translated.sections.map((s) => [s.id, s]));
  const parts = [markdownToHtml(translated.preface)];
  for (const s of docSections(english).sections) {
    const said = zh.get(s.id);
    parts.push(said
      ? markdownToHtml(sectionMd(s, said))
      : `<div lang="en">${markdownToHtml(sectionMd(s, s))}<p class="note" lang="zh-CN">${escapeHtml(t('api.untranslated'))}</p></div>`);
  }
  return parts.filter((p) => p !== '').join('\n');
}
