// The deal diagram: parties and the flows of cash (solid) and protection (dashed) between them,
// drawn as SVG from the deal data — firms → trust → investors, the enhancement providers above,
// accounts and fee payees below, and for cross-border or e-CNY deals their extra lanes.
import type { Deal } from '../../models/deal/schema.js';
import { assetKind } from '../../models/pool/asset-registry.js';
import { formatChineseAmount, formatRate } from '../../models/format.js';
import { glanceOf, CLASS_LABELS, type DealGlance } from './glance.js';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Break a name into at most `lines` lines of about `width` characters, on spaces. */
export function wrapText(s: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of s.split(/\s+/).filter(Boolean)) {
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ` ${w}`;
    else { out.push(cur); cur = w; }
  }
  if (cur) out.push(cur);
  if (out.length <= lines) return out.map((l) => clip(l, width));
  const kept = out.slice(0, lines);
  kept[lines - 1] = clip(`${kept[lines - 1]} ${out.slice(lines).join(' ')}`, width);
  return kept.map((l) => clip(l, width));
}

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

const TRUST_LABEL: Record<Deal['meta']['market'], [string, string]> = {
  'interbank-abn': ['ABN trust', '资产支持票据信托'],
  'exchange-abs': ['Special plan (SPV)', '资产支持专项计划'],
  'offshore-private': ['Offshore financing vehicle', '境外融资主体'],
};

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

export function dealDiagramSvg(deal: Deal, g: DealGlance = glanceOf(deal)): string {
  const s = new Svg();
  const W = 1040;
  const providers = g.enhancements.flatMap((e) => e.parties.map((p) => ({ e, p })));
  const provW = 230;
  const provGap = 16;
  const provRowW = providers.length * provW + Math.max(0, providers.length - 1) * provGap;
  const topY = 20;
  const hasTop = providers.length > 0;
  const midY = hasTop ? 190 : 40;
  const trancheH = 58;
  const trancheGap = 12;
  const invH = Math.max(120, g.tranches.length * trancheH + (g.tranches.length - 1) * trancheGap);

  // Middle row: firms → trust → investors.
  const firmsBox: Box = { x: 20, y: midY + invH / 2 - 60, w: 220, h: 120 };
  // The trust is as tall as the investor column so every tranche's flows meet its edge.
  const trustH = Math.max(120, invH);
  const trustBox: Box = { x: 410, y: midY + invH / 2 - trustH / 2, w: 220, h: trustH };
  const sectors = new Set(deal.pool.obligors.map((o) => o.sector)).size;
  const assetKinds = [...new Set(deal.pool.obligors.map((o) => o.asset.kind))].map(assetKind);
  const assetLine = assetKinds.length === 1 ? `${assetKinds[0]!.label} ${assetKinds[0]!.labelZh}` : 'IP-backed receivables';
  const paid = new Set(assetKinds.map((k) => `${k.paymentsLabel} ${k.paymentsLabelZh}`));
  const collectionsLine = paid.size === 1 ? [...paid][0]! : 'repayments 还款';
  s.box(firmsBox, 'firms', [
    `Firms 企业 × ${g.obligors}`,
    `${sectors} sector${sectors === 1 ? '' : 's'}`,
    `IP appraised ${formatChineseAmount(g.appraisedValue)}`,
    clip(assetLine, 34),
  ], deal.pool.obligors.map((o) => o.name).join(', '));
  const [tEn, tZh] = TRUST_LABEL[deal.meta.market];
  s.box(trustBox, 'trust', [tEn, tZh, `issues ${formatChineseAmount(g.size)} ${g.currency}`, `${g.issueDate} → ${g.maturityDate}`]);

  const invX = 800;
  g.tranches.forEach((t, i) => {
    const y = midY + i * (trancheH + trancheGap) + (invH - (g.tranches.length * trancheH + (g.tranches.length - 1) * trancheGap)) / 2;
    const cl = CLASS_LABELS[t.class];
    s.box({ x: invX, y, w: 220, h: trancheH }, `investors ${t.class}`, [
      `${cl.en} ${cl.zh}: ${formatChineseAmount(t.balance)}`,
      clip(`${t.couponRate !== null ? formatRate(t.couponRate) : 'residual'} · ${t.holder ?? 'investors 投资者'}`, 34),
    ], `${t.name} — ${t.couponLabel}`);
    // Out: interest and principal; back: the subscription paid at issue.
    const ty = y + trancheH / 2;
    const last = i === g.tranches.length - 1;
    s.arrow(trustBox.x + trustBox.w, ty - 9, invX, ty - 9, 'cash', i === 0 ? 'interest + principal 本息' : '', 'above');
    s.arrow(invX, ty + 9, trustBox.x + trustBox.w, ty + 9, 'cash', last ? 'subscription 认购款' : '', 'below');
  });
  const cy = trustBox.y + trustBox.h / 2;

  // Firms ↔ trust.
  s.arrow(firmsBox.x + firmsBox.w, cy - 22, trustBox.x, cy - 22, 'cash', collectionsLine, 'above');
  s.arrow(trustBox.x, cy + 22, firmsBox.x + firmsBox.w, cy + 22, 'cash', 'purchase price 购买价款', 'below');

  // Protection from above.
  if (hasTop) {
    const x0 = Math.max(20, (W - provRowW) / 2);
    providers.forEach(({ e, p }, i) => {
      const b: Box = { x: x0 + i * (provW + provGap), y: topY, w: provW, h: 96 };
      const role = e.kind === 'shortfall-undertaking' ? 'Undertaker 差额支付承诺人' : e.kind === 'guarantee' ? 'Guarantor 担保人' : `${e.label} ${e.labelZh}`;
      s.box(b, `provider ${e.kind}`, [
        clip(role, 34),
        ...wrapText(p.name, 34, 2),
        p.capacity === null ? 'capacity unlimited' : `cap ${formatChineseAmount(p.capacity)}${e.parties.length > 1 ? ` · ${Math.round(p.share * 100)}%` : ''}`,
      ], `${e.name ?? e.label} — ${p.name}`);
      const tx = trustBox.x + 20 + ((i + 0.5) / providers.length) * (trustBox.w - 40);
      s.arrow(b.x + b.w / 2, b.y + b.h, tx, trustBox.y, 'protection', i === 0 ? 'covers shortfalls 差额补足' : '', 'right');
    });
  }

  // Below the trust: accounts, fees, extra lanes.
  let bottomY = Math.max(midY + invH, trustBox.y + trustBox.h) + 40;
  const below: Array<{ cls: string; lines: string[]; title?: string }> = [];
  for (const a of deal.accounts) below.push({ cls: 'account', lines: [`Reserve 储备账户: ${a.name ? clip(a.name, 18) : a.id}`, `funded ${formatChineseAmount(Number(a.initialBalance))}`] });
  const running = deal.fees.filter((f) => f.timing === 'running');
  if (deal.fees.length) {
    below.push({ cls: 'fees', lines: ['Fees 费用', `${running.length} running, ${deal.fees.length - running.length} up-front`], title: deal.fees.map((f) => f.name ?? f.id).join(', ') });
  }
  if (below.length) {
    const bw = 210;
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
    const wallet = rail.wallet === 'anonymous' ? 'anonymous type-IV wallets 四类钱包' : 'real-name wallets 实名钱包';
    s.box(band, 'rail', [`e-CNY rail 数字人民币: subscription, disbursement and payments in ${wallet}${rail.programmable ? ', programmable 可编程支付' : ''}`]);
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
    s.parts.push(`<text class="lane-title" x="20" y="${top - 20}">${escapeXml(`+1 offshore leg 境外融资: ${leg.name ?? leg.id}`)}</text>`);
    const bw = 170;
    const gap = (W - 40 - 4 * bw) / 3;
    const at = (i: number): Box => ({ x: 20 + i * (bw + gap), y: top + 10, w: bw, h: 72 });
    const drawn = leg.draws.reduce((sum, d) => sum + Number(d.amountCny), 0);
    const b0 = s.box(at(0), 'firms', ['+1 firm 企业 (onshore)', ...wrapText(leg.firm.name, 22, 1), `draws ${formatChineseAmount(drawn)} in ${leg.draws.length} batch${leg.draws.length === 1 ? '' : 'es'}`], leg.firm.name);
    const b1 = s.box(at(1), 'provider', ['Onshore bank 境内银行', ...wrapText(leg.chain.onshoreBank.name, 22, 1), 'holds IP income right'], leg.chain.onshoreBank.name);
    const b2 = s.box(at(2), 'offshore', ['HK guarantor 境外担保行', ...wrapText(leg.chain.hkGuarantor.name, 22, 1), 'guarantees HK lenders'], leg.chain.hkGuarantor.name);
    const b3 = s.box(at(3), 'investors', ['HK investors 境外投资者', `private placement, ${leg.currency}`, `coupon ${formatRate(leg.coupon.rate)}`]);
    const cy2 = b0.y + b0.h / 2;
    const link = (a: Box, b: Box, en: string, zh: string) => {
      s.arrow(a.x + a.w, cy2, b.x, cy2, 'protection', en, 'above');
      s.parts.push(`<text class="flow-label protection" x="${(a.x + a.w + b.x) / 2}" y="${cy2 + 16}" text-anchor="middle">${escapeXml(zh)}</text>`);
    };
    link(b0, b1, 'IP income right', '在岸收益权转让');
    link(b1, b2, 'counter-guarantee', '跨境反担保');
    link(b2, b3, 'guarantee', '担保');
    const ly = b0.y + b0.h + 26;
    s.parts.push(`<polyline class="flow cash" fill="none" points="${b3.x + b3.w / 2},${b3.y + b3.h} ${b3.x + b3.w / 2},${ly} ${b0.x + b0.w / 2},${ly} ${b0.x + b0.w / 2},${b0.y + b0.h + 2}" marker-end="url(#arrow-cash)"/>`);
    s.parts.push(`<text class="flow-label cash" x="${(b0.x + b3.x + b3.w) / 2}" y="${ly - 6}" text-anchor="middle">${escapeXml(`foreign debt 外债 within the quota: facility ${formatChineseAmount(Number(leg.facility.totalCny))}, in batches; interest and principal flow back`)}</text>`);
    bottomY = ly + 10;
  }
  const H = bottomY + 30;
  const legendY = H - 10;
  const railLegend = rail && rail.kind === 'e-cny'
    ? `<line class="flow rail" x1="330" y1="${legendY - 4}" x2="370" y2="${legendY - 4}"/><text x="376" y="${legendY}">e-CNY rail 数字人民币</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="deal-diagram" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(`Structure of ${g.name}`)}">
<defs>
<marker id="arrow-cash" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-cash"/></marker>
<marker id="arrow-protection" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-protection"/></marker>
<marker id="arrow-rail" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-rail"/></marker>
</defs>
${s.parts.join('\n')}
<g class="legend"><line class="flow cash" x1="20" y1="${legendY - 4}" x2="60" y2="${legendY - 4}"/><text x="66" y="${legendY}">cash 现金流</text>
<line class="flow protection" x1="170" y1="${legendY - 4}" x2="210" y2="${legendY - 4}"/><text x="216" y="${legendY}">protection 增信</text>${railLegend}</g>
</svg>`;
}
