// The deal diagram: parties and the flows of cash (solid) and protection (dashed) between them,
// drawn as SVG from the deal data — firms → trust → investors, the enhancement providers above,
// accounts and fee payees below, and for cross-border or e-CNY deals their extra lanes.
import type { Deal } from '../../models/deal-format/schema.js';
import { assetKind } from '../../models/pool/asset-registry.js';
import { formatChineseAmount, formatRate } from '../../models/format.js';
import { translate, type Lang, type MessageKey, type MessageParams } from '../../models/i18n/index.js';
import { glanceOf, type DealGlance } from './glance.js';
import { pluralKey, sizeText } from './view-helpers.js';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * How wide text is, in Latin character widths: a Chinese character (or full-width sign) takes
 * about two, so "IP-pledged loans 知识产权质押贷款" is 32 wide, not 24.
 */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1.9 : 1;
  return w;
}

const clip = (s: string, n: number) => {
  if (textWidth(s) <= n) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`) > n) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
};

/** Words to wrap on: Latin words at spaces, and each Chinese character on its own (Chinese breaks anywhere). */
function wrapUnits(s: string): Array<{ text: string; space: boolean }> {
  const units: Array<{ text: string; space: boolean }> = [];
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const parts = word.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f][，。、：；）」]?|[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g) ?? [word];
    parts.forEach((p, i) => units.push({ text: p, space: i === 0 }));
  }
  return units;
}

/** Break text into at most `lines` lines of about `width` Latin characters (on spaces, or anywhere in Chinese). */
export function wrapText(s: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const u of wrapUnits(s)) {
    const joined = cur && u.space ? `${cur} ${u.text}` : `${cur}${u.text}`;
    if (!cur || textWidth(joined) <= width) cur = joined;
    else { out.push(cur); cur = u.text; }
  }
  if (cur) out.push(cur);
  if (out.length <= lines) return out.map((l) => clip(l, width));
  const kept = out.slice(0, lines);
  kept[lines - 1] = clip(`${kept[lines - 1]} ${out.slice(lines).join(' ')}`, width);
  return kept.map((l) => clip(l, width));
}

/** Latin characters that fit in a box `px` wide at the diagram's 12.5 px font (≈ 7 px each, 10 px padding a side). */
const fits = (px: number) => Math.floor((px - 20) / 7);

interface Box { x: number; y: number; w: number; h: number }

class Svg {
  parts: string[] = [];
  box(b: Box, cls: string, lines: string[], title?: string): Box {
    const t = title ? `<title>${escapeXml(title)}</title>` : '';
    this.parts.push(`<g class="party ${cls}">${t}<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="8"/>`);
    const lineH = 16;
    const y0 = b.y + b.h / 2 - ((lines.length - 1) * lineH) / 2 + 5;
    lines.forEach((l, i) => {
      this.parts.push(`<text x="${b.x + b.w / 2}" y="${y0 + i * lineH}" text-anchor="middle"${i === 0 ? ' class="head"' : ''}>${escapeXml(l)}</text>`);
    });
    this.parts.push('</g>');
    return b;
  }
  arrow(x1: number, y1: number, x2: number, y2: number, cls: 'cash' | 'protection' | 'rail', label: string, labelAt: 'above' | 'below' | 'left' | 'right' = 'above'): void {
    this.parts.push(`<line class="flow ${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow-${cls})"/>`);
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    const [lx, ly, anchor] = labelAt === 'above' ? [mx, my - 6, 'middle'] : labelAt === 'below' ? [mx, my + 15, 'middle'] : labelAt === 'left' ? [mx - 6, my + 4, 'end'] : [mx + 6, my + 4, 'start'];
    this.parts.push(`<text class="flow-label ${cls}" x="${lx}" y="${ly}" text-anchor="${anchor}">${escapeXml(label)}</text>`);
  }
}

// The rail and offshore legs are optional parts of the deal format (models/rail, models/crossborder);
// read them structurally so the diagram only needs the fields it draws.
interface RailView { kind: string; wallet?: string; programmable?: boolean }
interface LegView {
  id: string; name?: string; currency: string;
  firm: { name: string };
  facility: { totalCny: string | number };
  draws: Array<{ date: string; amountCny: string | number }>;
  coupon: { rate: number };
  chain: { hkGuarantor: { name: string }; onshoreBank: { name: string } };
}

export function dealRail(deal: Deal): RailView | null {
  const r = (deal as { rail?: RailView }).rail;
  return r && typeof r.kind === 'string' ? r : null;
}

export function offshoreLegs(deal: Deal): LegView[] {
  const legs = (deal as { offshoreLegs?: LegView[] }).offshoreLegs;
  return Array.isArray(legs) ? legs : [];
}

export function dealDiagramSvg(deal: Deal, lang: Lang = 'en', g: DealGlance = glanceOf(deal, lang)): string {
  const tr = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  const tn = (base: string, n: number, params?: MessageParams) => translate(lang, pluralKey(base, n), { n, ...params });
  const s = new Svg();
  const W = 1040;
  const providers = g.enhancements.flatMap((e) => e.parties.map((p) => ({ e, p })));
  const provW = 230;
  const provGap = 16;
  const provRowW = providers.length * provW + Math.max(0, providers.length - 1) * provGap;
  const topY = 20;
  const hasTop = providers.length > 0;
  const midY = hasTop ? 190 : 40;
  const invW = 220;
  // Each tranche box: its class and balance, then coupon and holder on up to three lines (never cut off mid-word).
  const trancheLines = g.tranches.map((t) => {
    const cls = tr(`diagram.classTitle.${t.class}`);
    const detail = `${t.couponRate !== null ? formatRate(t.couponRate) : tr('diagram.residual')} · ${t.holder ?? tr('diagram.investors')}`;
    return [clip(tr('diagram.trancheHead', { cls, amount: formatChineseAmount(t.balance) }), fits(invW)), ...wrapText(detail, fits(invW), 3)];
  });
  const trancheH = Math.max(58, 22 + 16 * Math.max(...trancheLines.map((l) => l.length)));
  const trancheGap = 12;
  const invH = Math.max(120, g.tranches.length * trancheH + (g.tranches.length - 1) * trancheGap);

  // Middle row: firms → trust → investors.
  const sectors = new Set(deal.pool.obligors.map((o) => o.sector)).size;
  // Each asset kind names itself and what it pays (its own file under models/pool), in both languages.
  const assetKinds = [...new Set(deal.pool.obligors.map((o) => o.asset.kind))].map(assetKind);
  const both = (en: string, zh: string) => (lang === 'zh' ? zh : `${en} ${zh}`);
  const assetLine = assetKinds.length === 1 ? both(assetKinds[0]!.label, assetKinds[0]!.labelZh) : tr('diagram.asset.mixed');
  const paid = new Set(assetKinds.map((k) => both(k.paymentsLabel, k.paymentsLabelZh)));
  const collectionsLine = paid.size === 1 ? [...paid][0]! : tr('diagram.flow.repayments');
  const firmsW = 220;
  const firmLines = [
    tr('diagram.firmsHead', { n: g.obligors }),
    tn('diagram.sectors', sectors),
    clip(tr('diagram.ipAppraised', { amount: formatChineseAmount(g.appraisedValue) }), fits(firmsW)),
    ...wrapText(assetLine, fits(firmsW), 2),
  ];
  const firmsH = Math.max(120, 24 + 16 * firmLines.length);
  const firmsBox: Box = { x: 20, y: midY + invH / 2 - firmsH / 2, w: firmsW, h: firmsH };
  // The trust is as tall as the investor column so every tranche's flows meet its edge.
  const trustH = Math.max(120, invH);
  const trustBox: Box = { x: 410, y: midY + invH / 2 - trustH / 2, w: 220, h: trustH };
  s.box(firmsBox, 'firms', firmLines, deal.pool.obligors.map((o) => o.name).join(', '));
  const trustKey = `diagram.trust.${deal.meta.market}` as const;
  s.box(trustBox, 'trust', [
    ...(lang === 'zh' ? [tr(trustKey)] : [tr(trustKey), translate('zh', trustKey)]),
    tr('diagram.issues', { amount: sizeText(lang, g.size, g.currency) }),
    `${g.issueDate} → ${g.maturityDate}`,
  ]);

  const invX = 800;
  g.tranches.forEach((t, i) => {
    const y = midY + i * (trancheH + trancheGap) + (invH - (g.tranches.length * trancheH + (g.tranches.length - 1) * trancheGap)) / 2;
    s.box({ x: invX, y, w: invW, h: trancheH }, `investors ${t.class}`, trancheLines[i]!, `${lang === 'zh' && t.nameZh ? t.nameZh : t.name} — ${t.couponLabel}`);
    // Out: interest and principal; back: the subscription paid at issue.
    const ty = y + trancheH / 2;
    const last = i === g.tranches.length - 1;
    s.arrow(trustBox.x + trustBox.w, ty - 9, invX, ty - 9, 'cash', i === 0 ? tr('diagram.flow.interestPrincipal') : '', 'above');
    s.arrow(invX, ty + 9, trustBox.x + trustBox.w, ty + 9, 'cash', last ? tr('diagram.flow.subscription') : '', 'below');
  });
  const cy = trustBox.y + trustBox.h / 2;

  // Firms ↔ trust.
  s.arrow(firmsBox.x + firmsBox.w, cy - 22, trustBox.x, cy - 22, 'cash', collectionsLine, 'above');
  s.arrow(trustBox.x, cy + 22, firmsBox.x + firmsBox.w, cy + 22, 'cash', tr('diagram.flow.purchasePrice'), 'below');

  // Protection from above.
  if (hasTop) {
    const x0 = Math.max(20, (W - provRowW) / 2);
    providers.forEach(({ e, p }, i) => {
      const b: Box = { x: x0 + i * (provW + provGap), y: topY, w: provW, h: 96 };
      const role = e.partyRole !== null ? tr(`diagram.role.${e.partyRole}`) : lang === 'zh' ? e.labelZh : `${e.label} ${e.labelZh}`;
      s.box(b, `provider ${e.kind}`, [
        clip(role, fits(provW)),
        ...wrapText(p.name, fits(provW), 2),
        p.capacity === null ? tr('diagram.capUnlimited') : `${tr('diagram.cap', { amount: formatChineseAmount(p.capacity) })}${e.parties.length > 1 ? ` · ${Math.round(p.share * 100)}%` : ''}`,
      ], `${lang === 'zh' ? e.labelZh : e.name ?? e.label} — ${p.name}`);
      const tx = trustBox.x + 20 + ((i + 0.5) / providers.length) * (trustBox.w - 40);
      s.arrow(b.x + b.w / 2, b.y + b.h, tx, trustBox.y, 'protection', i === 0 ? tr('diagram.flow.coversShortfalls') : '', 'right');
    });
  }

  // Below the trust: accounts, fees, extra lanes.
  let bottomY = Math.max(midY + invH, trustBox.y + trustBox.h, firmsBox.y + firmsBox.h) + 40;
  const below: Array<{ cls: string; lines: string[]; title?: string }> = [];
  const bw = 210;
  for (const a of deal.accounts) below.push({ cls: 'account', lines: [clip(tr('diagram.reserve', { name: a.name ?? a.id }), fits(bw)), tr('diagram.funded', { amount: formatChineseAmount(Number(a.initialBalance)) })], title: a.name ?? a.id });
  const running = deal.fees.filter((f) => f.timing === 'running');
  if (deal.fees.length) {
    below.push({ cls: 'fees', lines: [tr('diagram.fees'), tr('diagram.feeCount', { running: running.length, upfront: deal.fees.length - running.length })], title: deal.fees.map((f) => f.name ?? f.id).join(', ') });
  }
  if (below.length) {
    const gap = 20;
    const rowW = below.length * bw + (below.length - 1) * gap;
    const bx0 = Math.max(20, trustBox.x + trustBox.w / 2 - rowW / 2);
    below.forEach((b, i) => {
      const box: Box = { x: bx0 + i * (bw + gap), y: bottomY, w: bw, h: 64 };
      s.box(box, b.cls, b.lines, b.title);
      s.arrow(trustBox.x + trustBox.w / 2 + (i - (below.length - 1) / 2) * 40, trustBox.y + trustBox.h, box.x + box.w / 2, box.y, 'cash', '', 'right');
    });
    bottomY += 64;
  }

  // The e-CNY rail: every flow above moves through wallets.
  const rail = dealRail(deal);
  if (rail && rail.kind === 'e-cny') {
    bottomY += 30;
    const band: Box = { x: 20, y: bottomY, w: W - 40, h: 46 };
    const wallet = tr(rail.wallet === 'anonymous' ? 'diagram.wallet.anonymous' : 'diagram.wallet.real-name');
    s.box(band, 'rail', [tr('diagram.ecny', { wallet, programmable: rail.programmable ? tr('diagram.programmable') : '' })]);
    for (const x of [firmsBox.x + firmsBox.w / 2, trustBox.x + trustBox.w / 2, invX + 110]) {
      s.parts.push(`<line class="flow rail" x1="${x}" y1="${bottomY}" x2="${x}" y2="${x === trustBox.x + trustBox.w / 2 && below.length ? bottomY - 30 : midY + invH}"/>`);
    }
    bottomY += 46;
  }

  // "+k" offshore legs (N+1): firm → onshore bank (IP income right) → cross-border
  // counter-guarantee → Hong Kong guarantor → Hong Kong investors, who lend as foreign debt.
  for (const leg of offshoreLegs(deal)) {
    bottomY += 40;
    const top = bottomY;
    s.parts.push(`<line class="border-line" x1="20" y1="${top - 14}" x2="${W - 20}" y2="${top - 14}"/>`);
    s.parts.push(`<text class="lane-title" x="20" y="${top - 20}">${escapeXml(tr('diagram.leg.title', { name: leg.name ?? leg.id }))}</text>`);
    const bw = 190;
    const gap = (W - 40 - 4 * bw) / 3;
    const drawn = leg.draws.reduce((sum, d) => sum + Number(d.amountCny), 0);
    // Names on up to three lines so none is cut off; the boxes grow to the longest.
    const laneLines = [
      [tr('diagram.leg.firm'), ...wrapText(leg.firm.name, fits(bw), 3), tn('diagram.leg.draws', leg.draws.length, { amount: formatChineseAmount(drawn) })],
      [tr('diagram.leg.onshoreBank'), ...wrapText(leg.chain.onshoreBank.name, fits(bw), 3), tr('diagram.leg.holdsRight')],
      [tr('diagram.leg.hkGuarantor'), ...wrapText(leg.chain.hkGuarantor.name, fits(bw), 3), tr('diagram.leg.guaranteesLenders')],
      [tr('diagram.leg.hkInvestors'), tr('diagram.leg.privatePlacement', { currency: leg.currency }), tr('diagram.leg.coupon', { rate: formatRate(leg.coupon.rate) })],
    ].map((lines) => lines.map((l) => clip(l, fits(bw))));
    const laneH = Math.max(72, 24 + 16 * Math.max(...laneLines.map((l) => l.length)));
    const at = (i: number): Box => ({ x: 20 + i * (bw + gap), y: top + 10, w: bw, h: laneH });
    const b0 = s.box(at(0), 'firms', laneLines[0]!, leg.firm.name);
    const b1 = s.box(at(1), 'provider', laneLines[1]!, leg.chain.onshoreBank.name);
    const b2 = s.box(at(2), 'offshore', laneLines[2]!, leg.chain.hkGuarantor.name);
    const b3 = s.box(at(3), 'investors', laneLines[3]!);
    const cy2 = b0.y + b0.h / 2;
    const link = (a: Box, b: Box, key: MessageKey) => {
      s.arrow(a.x + a.w, cy2, b.x, cy2, 'protection', tr(key), 'above');
      // English pages add the Chinese term under the English one.
      if (lang === 'en') s.parts.push(`<text class="flow-label protection" x="${(a.x + a.w + b.x) / 2}" y="${cy2 + 16}" text-anchor="middle">${escapeXml(translate('zh', key))}</text>`);
    };
    link(b0, b1, 'diagram.leg.link1');
    link(b1, b2, 'diagram.leg.link2');
    link(b2, b3, 'diagram.leg.link3');
    const ly = b0.y + b0.h + 26;
    s.parts.push(`<polyline class="flow cash" fill="none" points="${b3.x + b3.w / 2},${b3.y + b3.h} ${b3.x + b3.w / 2},${ly} ${b0.x + b0.w / 2},${ly} ${b0.x + b0.w / 2},${b0.y + b0.h + 2}" marker-end="url(#arrow-cash)"/>`);
    s.parts.push(`<text class="flow-label cash" x="${(b0.x + b3.x + b3.w) / 2}" y="${ly - 6}" text-anchor="middle">${escapeXml(tr('diagram.leg.foreignDebt', { amount: formatChineseAmount(Number(leg.facility.totalCny)) }))}</text>`);
    bottomY = ly + 10;
  }
  const H = bottomY + 30;
  const legendY = H - 10;
  const railLegend = rail && rail.kind === 'e-cny'
    ? `<line class="flow rail" x1="330" y1="${legendY - 4}" x2="370" y2="${legendY - 4}"/><text x="376" y="${legendY}">${escapeXml(tr('diagram.legend.rail'))}</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="deal-diagram" viewBox="0 0 ${W} ${H}" role="img" lang="${lang === 'zh' ? 'zh-CN' : 'en'}" aria-label="${escapeXml(tr('diagram.aria', { name: lang === 'zh' && g.nameZh ? g.nameZh : g.name }))}">
<defs>
<marker id="arrow-cash" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-cash"/></marker>
<marker id="arrow-protection" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-protection"/></marker>
<marker id="arrow-rail" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-rail"/></marker>
</defs>
${s.parts.join('\n')}
<g class="legend"><line class="flow cash" x1="20" y1="${legendY - 4}" x2="60" y2="${legendY - 4}"/><text x="66" y="${legendY}">${escapeXml(tr('diagram.legend.cash'))}</text>
<line class="flow protection" x1="170" y1="${legendY - 4}" x2="210" y2="${legendY - 4}"/><text x="216" y="${legendY}">${escapeXml(tr('diagram.legend.protection'))}</text>${railLegend}</g>
</svg>`;
}
