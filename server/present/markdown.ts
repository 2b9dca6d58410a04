// A small Markdown reader for the project's own docs (docs/api.md shown at /api): headings,
// paragraphs, tables, lists, fenced code and `code` spans. Everything is escaped first, so a doc
// can never inject markup.
import { escapeHtml } from './view-helpers.js';

function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, text: string, href: string) => (/^(https?:|\/|#|[\w.-]+\.md)/.test(href) ? `<a href="${href}">${text}</a>` : text));
}

const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));

export const HEADING = /^(#{1,4})\s+(.*)$/;

/** A heading's text and anchor: an explicit `{#id}` at its end (a translated heading keeps the
 *  English anchor, so links like api.md#domestic-rating lead to it in either language), else an id
 *  made from its text. */
export function headingOf(raw: string): { text: string; id: string } {
  const explicit = /\s*\{#([a-z0-9-]+)\}\s*$/.exec(raw);
  if (explicit) return { text: raw.slice(0, explicit.index), id: explicit[1]! };
  return { text: raw, id: raw.toLowerCase().replace(/[`*]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') };
}

const HAN = /[\u3400-\u9fff]/;
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/;

/** A paragraph's lines as one: a space where a line break fell between words (or between Chinese
 *  and a Latin word or code), none where it fell inside Chinese text or beside full-width
 *  punctuation (Chinese is written without spaces). */
export function joinLines(lines: readonly string[]): string {
  return lines.map((l) => l.trim()).reduce((a, b) => {
    if (a === '') return b;
    const [end, start] = [a.slice(-1), b.charAt(0)];
    const tight = (HAN.test(end) && HAN.test(start)) || FULL_WIDTH_PUNCTUATION.test(end) || FULL_WIDTH_PUNCTUATION.test(start);
    return tight ? a + b : `${a} ${b}`;
  }, '');
}

/** Markdown → HTML for trusted project docs (still escaped). Headings get ids from their text or an explicit `{#id}`. */
export function markdownToHtml(md: string): string {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    const h = HEADING.exec(line);
    if (h) {
      const level = Math.min(4, h[1]!.length + 1);
      const { text, id } = headingOf(h[2]!);
      out.push(`<h${level} id="${id}">${inline(text)}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.startsWith('|') && /^\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const body: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) body.push(cells(lines[i]!));
      out.push(`<div class="table-wrap"><table class="data"><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`);
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i]!); i++) items.push(lines[i]!.replace(/^\s*[-*]\s+/, ''));
      out.push(`<ul>${items.map((x) => `<li>${inline(x)}</li>`).join('')}</ul>`);
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,4}\s|```|\|)/.test(lines[i]!); i++) para.push(lines[i]!);
    if (para.length === 0) { out.push(`<p>${inline(lines[i]!)}</p>`); i++; continue; }
    out.push(`<p>${inline(joinLines(para))}</p>`);
  }
  return out.join('\n');
}
