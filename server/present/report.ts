// The deal report (交易报告) people hand on to a committee: one HTML document — printed to PDF by
// the headless Chromium — in Chinese or English: structure diagram, parties, tranches and
// enhancement, the base-case schedule, Monte Carlo results with their intervals, ratings, the cost
// comparison, and provenance and assumptions. Everything is computed by the engines; this file
// only gathers it for views/report.ejs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Deal } from '../../models/deal-format/schema.js';
import type { ScheduleReport } from '../../models/engine/exact.js';
import type { SimulationResult } from '../../models/montecarlo/results.js';
import type { DealCost } from '../../models/cost/compare.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { translator, type Lang, type Translate } from '../../models/i18n/index.js';
import { formatChineseAmount, formatMoney, formatRate } from '../../models/format.js';
import { projectRoot } from '../config.js';
import { glanceOf, type DealGlance } from './glance.js';
import type { MessageKey } from '../../models/i18n/index.js';
import { dealDiagramSvg } from './diagram.js';
import { BELOW_LOWEST_RATING } from '../../models/ratings/idealized-loss.js';
import { baselineText, costNoteText } from '../../models/cost/cost-text.js';
import { formatCell, simulationTables, type ResultTable } from './result-tables.js';
import type { RunInfo } from '../runs/manager.js';
import type { RatingView } from '../rating.js';

export interface ReportRun { info: RunInfo; result: SimulationResult; dealChanged: boolean }

/** The domestic rating (TDR/BDR) as the rating engine gives it (server/rating.ts), for the report. */
export interface ReportDomestic { view: RatingView | null; problem: string | null }

export interface HtmlTable {
  title: string; headers: string[]; numeric: boolean[]; rows: string[][];
  /** The language of a column's cells when it is not the report's (English data in a Chinese report). */
  cellLang?: Array<string | null>;
}

export interface ReportModel {
  lang: Lang;
  t: Translate;
  css: string;
  generatedOn: string;
  deal: Deal;
  glance: DealGlance;
  version: number | null;
  source: 'scenario' | 'user';
  svg: string;
  facts: Array<[string, string]>;
  parties: Array<[string, string]>;
  tranches: HtmlTable;
  enhancements: HtmlTable | null;
  schedule: HtmlTable;
  reconciled: boolean;
  run: ReportRun | null;
  mc: HtmlTable[];
  ratings: HtmlTable | null;
  ratingBasis: string | null;
  domestic: HtmlTable | null;
  domesticNote: string | null;
  cost: { table: HtmlTable; notes: string[] } | null;
  costProblem: string | null;
  provenance: HtmlTable;
  assumptions: Array<[string, string]>;
}

let cssCache: string | null = null;
/** The report's styles, with the diagram's own rules taken from the site's style sheet (one source). */
function reportCss(): string {
  if (cssCache === null) {
    const site = readFileSync(resolve(projectRoot, 'public/css/style.css'), 'utf8');
    const diagram = site.split('\n').filter((l) => l.startsWith('svg.deal-diagram')).join('\n');
    cssCache = `${diagram}\n${readFileSync(resolve(projectRoot, 'public/css/report.css'), 'utf8')}`;
  }
  return cssCache;
}

const money = (x: number) => `${formatMoney(x)} (${formatChineseAmount(x)})`;

function asHtml(tb: ResultTable): HtmlTable {
  return {
    title: tb.title,
    headers: tb.columns.map((c) => c.header),
    numeric: tb.columns.map((c) => c.type !== 'text'),
    rows: tb.rows.map((r) => r.map((v, i) => formatCell(v, tb.columns[i]!.type, tb.columns[i]!.decimals))),
  };
}

export function buildReport(o: {
  deal: Deal; report: ScheduleReport; version: number | null; source: 'scenario' | 'user'; lang: Lang;
  run: ReportRun | null; cost: DealCost | null; costProblem: string | null; domestic: ReportDomestic; now?: Date;
}): ReportModel {
  const { deal, report, lang } = o;
  const t = translator(lang);
  const g = glanceOf(deal, lang);
  const market = t(`market.${deal.meta.market}` as MessageKey);
  const m = deal.meta;
  const facts: Array<[string, string]> = [
    [t('rep.fact.size'), `${money(g.size)} ${g.currency}`],
    [t('rep.fact.market'), market],
    [t('rep.fact.term'), `${m.issueDate} → ${m.maturityDate} (${g.termYears} ${t('rep.years')}, ${t(`frequency.${m.paymentFrequency}` as MessageKey)})`],
    [t('rep.fact.pool'), t('rep.fact.poolText', { n: g.obligors, ip: formatChineseAmount(g.appraisedValue) })],
    [t('rep.fact.coupon'), g.weightedCoupon === null ? '—' : formatRate(g.weightedCoupon)],
    [t('rep.fact.conventions'), `${m.dayCount}, ${m.calendar}, ${m.roll}`],
    [t('rep.fact.net'), money(report.issuance.netToFirms)],
  ];

  const parties: Array<[string, string]> = [];
  const sectors = [...new Set(deal.pool.obligors.map((x) => x.sector))];
  parties.push([t('rep.party.firms'), t('rep.party.firmsText', { n: deal.pool.obligors.length, sectors: sectors.join(lang === 'zh' ? '、' : ', ') })]);
  parties.push([t('rep.party.issuer'), `${market}${m.venue ? ` · ${m.venue}` : ''}`]);
  // A Chinese report names tranches and enhancements as the market does (优先级, 差额支付承诺 …).
  const trName = (x: DealGlance['tranches'][number]) => (lang === 'zh' && x.nameZh ? x.nameZh : x.name);
  const enhLabel = (e: DealGlance['enhancements'][number]) => (lang === 'zh' ? e.labelZh : e.label);
  for (const tr of g.tranches) if (tr.holder) parties.push([t('rep.party.holder', { tranche: trName(tr) }), tr.holder]);
  for (const e of g.enhancements) for (const p of e.parties) parties.push([enhLabel(e), `${p.name} (${formatRate(p.share, 0)}${p.capacity === null ? '' : `, ${t('rep.cap')} ${formatChineseAmount(p.capacity)}`})`]);
  if (deal.servicer) parties.push([t('rep.party.servicer'), deal.servicer.name]);
  for (const f of deal.fees) if (f.payee) parties.push([t('rep.party.fee', { kind: t(`feeKind.${f.kind}`) }), f.payee]);
  for (const leg of deal.offshoreLegs ?? []) parties.push([t('rep.party.leg'), `${leg.firm.name}${leg.name ? ` (${leg.name})` : ''}`]);

  const cls = (c: DealGlance['tranches'][number]['class']) => t(`classTitle.${c}` as MessageKey);
  const tranches: HtmlTable = {
    title: t('rep.tranches'),
    headers: [t('rep.tr.name'), t('rep.tr.class'), t('rep.tr.balance'), t('rep.tr.share'), t('rep.tr.coupon'), t('rep.tr.principal')],
    numeric: [false, false, true, true, false, false],
    rows: g.tranches.map((x) => [trName(x), cls(x.class), formatMoney(x.balance), formatRate(x.share, 1), x.couponLabel, x.principal]),
  };
  const enhRows = g.enhancements.flatMap((e) => e.parties.map((p) => [lang === 'zh' ? e.labelZh : e.name ?? e.label, p.name, formatRate(p.share, 0), p.capacity === null ? t('rep.unlimited') : formatMoney(p.capacity)]));
  if (g.subordinationShare > 0) enhRows.push([t('rep.enh.subordination'), '—', '', `${formatRate(g.subordinationShare, 1)} ${t('rep.enh.ofNotes')}`]);
  if (g.reserveShare > 0) enhRows.push([t('rep.enh.reserve'), '—', '', `${formatRate(g.reserveShare, 2)} ${t('rep.enh.ofNotes')}`]);
  const enhancements: HtmlTable | null = enhRows.length ? {
    title: t('rep.enhancement'),
    headers: [t('rep.enh.name'), t('rep.enh.provider'), t('rep.enh.share'), t('rep.enh.capacity')],
    numeric: [false, false, true, true],
    rows: enhRows,
  } : null;

  const sr = scheduleRows(report, lang);
  const schedule: HtmlTable = {
    title: t('rep.schedule'),
    headers: sr.header,
    numeric: sr.header.map((_, i) => i > 1 && sr.rows.every((r) => typeof r[i] === 'number' || r[i] === '')),
    rows: sr.rows.map((r) => r.map((c, i) => (typeof c === 'number' && i > 1 ? formatMoney(c) : String(c)))),
  };

  let mc: HtmlTable[] = [];
  let ratings: HtmlTable | null = null;
  let domestic: HtmlTable | null = null;
  if (o.run) {
    const r = o.run.result;
    mc = simulationTables(r, t).filter((x) => x.key !== 'histogram').map(asHtml);
    ratings = {
      title: t('rep.ratings'),
      headers: [t('res.tr.id'), t('res.tr.el'), t('res.tr.wal'), t('res.tr.rating')],
      numeric: [false, true, true, false],
      rows: r.tranches.map((x) => [x.id, `${formatCell(x.expectedLossRate * 1e4, 'bp')} ± ${formatCell(1.96 * x.expectedLossRateStdErr * 1e4, 'bp')}`, x.walYears.toFixed(3), x.impliedRating === BELOW_LOWEST_RATING ? t('words.belowLowest') : x.impliedRating]),
    };
  }
  let domesticNote: string | null = o.domestic.problem;
  const v = o.domestic.view;
  if (v) {
    const pct = (x: number | null) => (x === null ? '—' : formatRate(x));
    const gradeText = (r: string) => (r === 'below BB(sf)' ? t('rating.below-scale') : r);
    domestic = {
      title: t('rep.domestic'),
      headers: [t('res.tr.id'), t('rep.dom.grade'), t('rep.dom.standAlone'), 'BDR', t('rep.dom.tdr'), t('rep.dom.cushion'), t('rep.dom.binding')],
      numeric: [false, false, false, true, true, true, false],
      rows: v.rating.tranches.map((x) => {
        const grade = x.domesticRating as keyof typeof v.rating.tdr;
        const tdr = grade in v.rating.tdr ? v.rating.tdr[grade] : null;
        return [x.id, gradeText(x.domesticRating), gradeText(x.standAloneRating), pct(x.bdr), pct(tdr ?? null), pct(x.cushionAtRating), v.descriptions[x.bindingScenario] ?? x.bindingScenario];
      }),
    };
    domesticNote = v.tdrSource.kind === 'run' ? t('rep.dom.fromRun', { id: v.tdrSource.runId, paths: v.tdrSource.paths.toLocaleString('en-US') }) : v.tdrSource.reason;
  }

  let cost: ReportModel['cost'] = null;
  if (o.cost) {
    const c = o.cost;
    cost = {
      table: {
        title: t('rep.cost'),
        headers: [t('rep.cost.item'), t('rep.cost.rate')],
        numeric: [false, true],
        rows: [
          ...c.tranches.map((x) => [t('rep.cost.tranche', { id: x.id }), `${x.coupon === null ? '—' : formatRate(x.coupon)} · ${t('rep.cost.allIn')} ${formatRate(x.allInCostRate)}`]),
          [t('rep.cost.issuer'), formatRate(c.issuerCostRate)],
          [t('rep.cost.firms'), formatRate(c.allInCostRate)],
          [t('rep.cost.firmsSubsidy'), formatRate(c.subsidyAdjustedCostRate)],
          [t('rep.cost.baseline'), formatRate(c.baselineCostRate)],
          [t('rep.cost.saving'), formatRate(c.savingVsBaseline)],
        ],
      },
      notes: [baselineText(c.baseline.terms, t), ...c.noteKinds.map((k) => costNoteText(k, t))],
    };
  }

  const provenance: HtmlTable = {
    title: t('rep.provenance'),
    headers: [t('rep.prov.field'), t('rep.prov.kind'), t('rep.prov.source')],
    numeric: [false, false, false],
    cellLang: [null, null, lang === 'zh' ? 'en' : null],
    rows: deal.provenance.map((p) => [p.path, p.kind === 'fact' ? t('rep.prov.fact') : t('rep.prov.assumption'), [p.source, p.reason].filter(Boolean).join(' — ')]),
  };
  const sim = deal.simulation;
  const pds = deal.pool.obligors.map((x) => x.credit.annualDefaultProbability);
  const recs = deal.pool.obligors.map((x) => x.credit.recovery.mean);
  const assumptions: Array<[string, string]> = [
    [t('rep.ass.copula'), sim ? `${sim.copula}, ρ = ${sim.rho}${sim.nu ? `, ν = ${sim.nu}` : ''}${sim.recoveryFactorLoading ? `, ℓ = ${sim.recoveryFactorLoading}` : ''}` : '—'],
    [t('rep.ass.pd'), `${formatRate(Math.min(...pds))} – ${formatRate(Math.max(...pds))}`],
    [t('rep.ass.recovery'), `${formatRate(Math.min(...recs), 0)} – ${formatRate(Math.max(...recs), 0)}`],
    [t('rep.ass.stresses'), (deal.stresses ?? []).map((s) => s.name).join(', ') || '—'],
  ];

  return {
    lang, t, css: reportCss(), generatedOn: (o.now ?? new Date()).toISOString().slice(0, 10),
    deal, glance: g, version: o.version, source: o.source, svg: dealDiagramSvg(deal, lang, g), facts, parties,
    tranches, enhancements, schedule, reconciled: report.reconciled, run: o.run, mc, ratings,
    ratingBasis: o.run?.result.impliedRatingBasis ?? null, domestic, domesticNote, cost, costProblem: o.costProblem, provenance, assumptions,
  };
}
