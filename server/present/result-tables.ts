// A finished job's results as tables — one definition for the Excel download (a sheet per table,
// real numbers) and the PDF report (HTML tables): a Monte Carlo run's pool, quantiles, tranches,
// enhancements, parties, loss allocation and histogram; a sensitivity grid's cells.
import type { SimulationResult } from '../../models/montecarlo/results.js';
import type { SensitivityGrid } from '../../models/montecarlo/sensitivity.js';
import { kindWord, type Translate } from '../../models/i18n/index.js';
import { BELOW_LOWEST_RATING } from '../../models/ratings/idealized-loss.js';
import type { ColumnType, SheetSpec, WriteValue } from '../../models/sheets/workbook.js';
import { formatMoney, formatRate } from '../../models/format.js';

export interface ResultTable {
  key: string;
  title: string;
  columns: Array<{ header: string; type: ColumnType; decimals?: number }>;
  rows: WriteValue[][];
}

const Z = 1.96;
const bp = (x: number) => x * 1e4;
/** A grade the model gives as data, in the table's language. */
const gradeIn = (t: Translate, r: string) => (r === BELOW_LOWEST_RATING ? t('words.belowLowest') : r);

export function simulationTables(r: SimulationResult, t: Translate): ResultTable[] {
  const p = r.pool;
  const out: ResultTable[] = [];
  const est = (label: string, mean: number, se: number): WriteValue[] => [label, mean, se, mean - Z * se, mean + Z * se];
  out.push({
    key: 'pool', title: t('res.pool.title'),
    columns: [{ header: t('res.col.measure'), type: 'text' }, { header: t('res.col.estimate'), type: 'percent' }, { header: t('res.col.stdErr'), type: 'percent' }, { header: t('res.col.ciLow'), type: 'percent' }, { header: t('res.col.ciHigh'), type: 'percent' }],
    rows: [
      est(t('res.pool.el'), p.expectedLossRate, p.expectedLossRateStdErr),
      est(t('res.pool.dr'), p.defaultRateMean, p.defaultRateMeanStdErr),
      est(t('res.pool.pl'), p.probabilityOfLoss, p.probabilityOfLossStdErr),
    ],
  });
  out.push({
    key: 'quantiles', title: t('res.q.title'),
    columns: [{ header: t('res.q.level'), type: 'percent', decimals: 1 }, { header: t('res.q.loss'), type: 'percent' }, { header: t('res.col.ciLow'), type: 'percent' }, { header: t('res.col.ciHigh'), type: 'percent' }],
    rows: Object.entries(p.lossRateQuantiles).map(([q, v]) => {
      const ci = p.lossRateQuantileCI95[q as keyof typeof p.lossRateQuantileCI95];
      return [Number(q), v, ci[0], ci[1]];
    }),
  });
  out.push({
    key: 'tranches', title: t('res.tr.title'),
    columns: [
      { header: t('res.tr.id'), type: 'text' }, { header: t('res.tr.class'), type: 'text' }, { header: t('res.tr.balance'), type: 'money' },
      { header: t('res.tr.el'), type: 'bp' }, { header: t('res.col.ciLow'), type: 'bp' }, { header: t('res.col.ciHigh'), type: 'bp' },
      { header: t('res.tr.pl'), type: 'percent', decimals: 3 }, { header: t('res.col.stdErr'), type: 'percent', decimals: 3 },
      { header: t('res.tr.wal'), type: 'number', decimals: 3 }, { header: t('res.col.stdErr'), type: 'number', decimals: 3 },
      { header: t('res.tr.rating'), type: 'text' },
    ],
    rows: r.tranches.map((x) => [x.id, x.class, x.initialBalance, bp(x.expectedLossRate), bp(x.expectedLossRateCI95[0]), bp(x.expectedLossRateCI95[1]), x.probabilityOfLoss, x.probabilityOfLossStdErr, x.walYears, x.walYearsStdErr, gradeIn(t, x.impliedRating)]),
  });
  if (r.enhancements.length) {
    out.push({
      key: 'enhancements', title: t('res.enh.title'),
      columns: [
        { header: t('res.enh.id'), type: 'text' }, { header: t('res.enh.kind'), type: 'text' }, { header: t('res.enh.expected'), type: 'money' }, { header: t('res.col.stdErr'), type: 'money' },
        { header: t('res.enh.q99'), type: 'money' }, { header: t('res.col.ciLow'), type: 'money' }, { header: t('res.col.ciHigh'), type: 'money' },
        { header: t('res.enh.q999'), type: 'money' }, { header: t('res.col.ciLow'), type: 'money' }, { header: t('res.col.ciHigh'), type: 'money' },
        { header: t('res.enh.exhausted'), type: 'percent', decimals: 3 }, { header: t('res.col.stdErr'), type: 'percent', decimals: 3 },
      ],
      rows: r.enhancements.map((e) => [e.id, kindWord(t, e.kind), e.expectedDraw, e.expectedDrawStdErr, e.drawQuantiles['0.99'], ...e.drawQuantileCI95['0.99'], e.drawQuantiles['0.999'], ...e.drawQuantileCI95['0.999'], e.exhaustionProbability, e.exhaustionProbabilityStdErr]),
    });
  }
  if (r.parties.length) {
    out.push({
      key: 'parties', title: t('res.party.title'),
      columns: [{ header: t('res.party.name'), type: 'text' }, { header: t('res.enh.id'), type: 'text' }, { header: t('res.party.paid'), type: 'money' }, { header: t('res.col.stdErr'), type: 'money' }, { header: t('res.party.pd'), type: 'percent', decimals: 3 }, { header: t('res.col.stdErr'), type: 'percent', decimals: 3 }],
      rows: r.parties.map((x) => [x.name, x.enhancementId, x.expectedPaid, x.expectedPaidStdErr, x.defaultProbability, x.defaultProbabilityStdErr]),
    });
  }
  const la = r.lossAllocation;
  const partyName = (id: string) => r.parties.find((x) => x.id === id)?.name ?? id;
  out.push({
    key: 'allocation', title: t('res.alloc.title'),
    columns: [{ header: t('res.alloc.who'), type: 'text' }, { header: t('res.alloc.expected'), type: 'money' }, { header: t('res.col.stdErr'), type: 'money' }],
    rows: [
      [t('res.alloc.pool'), la.poolLoss.mean, la.poolLoss.stdErr],
      ...Object.entries(la.tranches).map(([id, e]): WriteValue[] => [t('res.alloc.investors', { id }), e.mean, e.stdErr]),
      ...Object.entries(la.parties).map(([id, e]): WriteValue[] => [partyName(id), e.mean, e.stdErr]),
      [t('res.alloc.residual'), la.residualReduction.mean, la.residualReduction.stdErr],
      [t('res.alloc.late'), la.lateRecoveries.mean, la.lateRecoveries.stdErr],
    ],
  });
  const chain: WriteValue[][] = [];
  if (r.servicer) chain.push([t('res.chain.servicer', { id: r.servicer.id }), r.servicer.probabilityOfComminglingLoss, r.servicer.comminglingLoss.mean, r.servicer.comminglingLoss.stdErr]);
  for (const l of r.offshoreLegs) {
    chain.push([t('res.chain.investors', { id: l.id }), l.probabilityOfInvestorLoss, l.investorLoss.mean, l.investorLoss.stdErr]);
    chain.push([t('res.chain.hk', { id: l.id }), l.probabilityChainCalled, l.hkGuarantorLoss.mean, l.hkGuarantorLoss.stdErr]);
    chain.push([t('res.chain.bank', { id: l.id }), l.probabilityChainCalled, l.onshoreBankLoss.mean, l.onshoreBankLoss.stdErr]);
  }
  for (const a of r.assetAgents ?? []) chain.push([t('res.chain.agent', { id: a.name }), a.probabilityOfLoss, a.heldCashLoss.mean, a.heldCashLoss.stdErr]);
  if (chain.length) {
    out.push({
      key: 'chain', title: t('res.chain.title'),
      columns: [{ header: t('res.chain.event'), type: 'text' }, { header: t('res.chain.probability'), type: 'percent', decimals: 3 }, { header: t('res.alloc.expected'), type: 'money' }, { header: t('res.col.stdErr'), type: 'money' }],
      rows: chain,
    });
  }
  const h = p.histogram;
  out.push({
    key: 'histogram', title: t('res.hist.title'),
    columns: [{ header: t('res.hist.from'), type: 'percent' }, { header: t('res.hist.to'), type: 'percent' }, { header: t('res.hist.probability'), type: 'percent', decimals: 4 }],
    rows: h.probabilities.map((pr, i) => [h.binEdges[i] ?? null, h.binEdges[i + 1] ?? h.binEdges[i] ?? null, pr]),
  });
  return out;
}

export function sensitivityTables(g: SensitivityGrid, t: Translate, tranche: string): ResultTable[] {
  const cell = (pd: number, rho: number) => g.cells.find((c) => c.pdMultiplier === pd && c.rho === rho);
  const grid = (key: string, title: string, pick: (c: SensitivityGrid['cells'][number]) => WriteValue, type: ColumnType): ResultTable => ({
    key, title,
    columns: [{ header: t('sens.corner'), type: 'text' }, ...g.rhos.map((rho) => ({ header: t('sens.colHead', { rho }), type }))],
    rows: g.pdMultipliers.map((pd): WriteValue[] => [t('sens.rowHead', { pd }), ...g.rhos.map((rho): WriteValue => {
      const c = cell(pd, rho);
      return c ? pick(c) : null;
    })]),
  });
  const tr = (c: SensitivityGrid['cells'][number]) => c.tranches.find((x) => x.id === tranche);
  return [
    grid('el', t('res.sens.el', { tranche }), (c) => bp(tr(c)?.expectedLossRate ?? NaN), 'bp'),
    grid('se', t('res.sens.se', { tranche }), (c) => bp(tr(c)?.expectedLossRateStdErr ?? NaN), 'bp'),
    grid('rating', t('res.sens.rating', { tranche }), (c) => { const x = tr(c)?.impliedRating; return x === undefined ? null : gradeIn(t, x); }, 'text'),
    grid('pool', t('res.sens.pool'), (c) => c.poolExpectedLossRate, 'percent'),
  ];
}

/** Tables as workbook sheets (names unique and at most 31 characters, as Excel requires). */
export function tablesToSheets(tables: readonly ResultTable[], freezeColumns = 1): SheetSpec[] {
  const used = new Set<string>();
  return tables.map((tb) => {
    let name = tb.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${tb.title.slice(0, 27)} ${i}`;
    used.add(name);
    const columns = tb.columns.map((c) => {
      const width = c.type === 'text' ? 28 : 16;
      return c.decimals === undefined ? { header: c.header, type: c.type, width } : { header: c.header, type: c.type, width, decimals: c.decimals };
    });
    return { name, columns, rows: tb.rows, freezeColumns };
  });
}

/** A cell as a person reads it in the report (the workbook keeps the number itself). */
export function formatCell(v: WriteValue, type: ColumnType, decimals?: number): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  if (!Number.isFinite(v)) return '—';
  switch (type) {
    case 'money': return formatMoney(v);
    case 'percent': return formatRate(v, decimals ?? 2);
    case 'bp': return `${v.toFixed(decimals ?? 2)} bp`;
    case 'integer': return v.toLocaleString('en-US');
    case 'number': return v.toFixed(decimals ?? 2);
    case 'general': return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
    default: return String(v);
  }
}
