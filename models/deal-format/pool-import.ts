// A read pool tape put into a deal: the pool's obligors replaced, the tranches rescaled to the new
// pool's funding keeping their split (a deal's notes must equal what the trust pays for the
// pool), the provenance updated, and the whole deal validated. A deal problem inside the pool is
// reported at the tape cell it comes from; nothing is returned to save unless the deal is valid.
// It builds and checks whole deals, so it stands here, above the tape reader (models/pool/tape/).
import { Decimal } from 'decimal.js';
import { validateDeal, type Problem } from './validate.js';
import type { Deal } from './schema.js';
import type { TapeColumnKey } from '../pool/tape/columns.js';
import { amountJson, cellRef, type ObligorJson, type TapeResult } from '../pool/tape/parse.js';
import type { TapeProblem } from '../pool/tape/read.js';
import { assetKind } from '../pool/asset-registry.js';

type TapeOk = Extract<TapeResult, { ok: true }>;
type Json = Record<string, unknown>;

export interface TrancheChange { id: string; from: string; to: string; share: number }

export interface PoolImport {
  deal: Deal;
  /** The deal JSON to save (as given, with the new pool). */
  json: Json;
  obligors: number;
  /** What the trust pays for the new pool (sum of purchase prices), to the fen. */
  funding: string;
  tranches: TrancheChange[];
  /** Firms whose own pricing spread (pool.pricing.spreads) went with them: the tape no longer has them. */
  droppedSpreads: string[];
}

export interface ImportSource { file: string; importedOn: string }

/** What the trust pays for a tape row's asset, as its kind prices it (0 for an asset its kind refuses: the deal check then names it). */
const purchase = (o: ObligorJson): Decimal => {
  const k = assetKind(String((o.asset as Json).kind));
  const a = k.schema.safeParse(o.asset);
  return a.success ? k.purchasePrice(a.data) : new Decimal(0);
};

/**
 * New balances in the old proportions, to the fen, adding up exactly to `total`: each share
 * rounded down, the fen left over given to the largest remainders (ties: the more senior first).
 */
export function splitInProportion(old: readonly Decimal[], total: Decimal): Decimal[] {
  const sum = old.reduce((s, x) => s.plus(x), new Decimal(0));
  if (sum.isZero()) return old.map((_, i) => (i === 0 ? total : new Decimal(0)));
  const fen = total.times(100);
  const exact = old.map((x) => x.times(fen).div(sum));
  const floors = exact.map((x) => x.floor());
  let left = fen.minus(floors.reduce((s, x) => s.plus(x), new Decimal(0))).toNumber();
  const order = exact.map((x, i) => ({ i, rem: x.minus(x.floor()) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors.map((x) => x.div(100));
}

/** Which tape column a deal field of an obligor comes from (`asset.startDate` → startDate). */
function columnOf(field: string, usedSchedule: boolean, kind: string): TapeColumnKey {
  const f = field.replace(/\[\d+\]/g, '');
  if (f.startsWith('asset.payments')) return usedSchedule ? 'feeSchedule' : 'termMonths';
  if (f.startsWith('asset.rentals.payments')) return 'rentalSchedule';
  if (f === 'asset.purchasePrice') return kind === 'licence-royalty' ? 'amount' : 'purchasePrice';
  const map: Array<[string, TapeColumnKey]> = [
    ['asset.startDate', 'startDate'], ['asset.termMonths', 'termMonths'], ['asset.paymentFrequency', 'frequency'],
    ['asset.rentals.termMonths', 'termMonths'], ['asset.rentals.paymentFrequency', 'frequency'], ['asset.rentals.rate', 'rate'], ['asset.rentals', 'amortization'],
    ['asset.financedAmount', 'amount'], ['asset.deposit', 'deposit'], ['asset.handlingFee', 'handlingFee'], ['asset.purchaseOption', 'purchaseOption'],
    ['asset.structure', 'leaseStructure'], ['asset.channel', 'channel'], ['asset.agent.id', 'agentId'], ['asset.agent.name', 'agentName'],
    ['asset.agent.nameZh', 'agentNameZh'], ['asset.agent.feeRate', 'agentFeeRate'], ['asset.agent.annualDefaultProbability', 'agentPd'],
    ['asset.agent.holdDays', 'agentHoldDays'], ['asset.agent.recovery', 'agentRecovery'], ['asset.agent.sector', 'agentSector'], ['asset.agent', 'agentId'],
    ['asset.receivables', 'receivables'], ['asset.purchaseDate', 'startDate'], ['asset.price.annualRate', 'rate'], ['asset.price', 'amount'],
    ['asset.rate', 'rate'], ['asset.amortization', 'amortization'], ['asset.principal', 'amount'],
    ['asset.licence', 'licence'], ['ip.appraisedValue', 'appraisedValue'], ['ip.patents', 'inventionPatents'],
    ['credit.annualDefaultProbability', 'pd'], ['credit.recovery.mean', 'recovery'], ['credit.recovery.stdDev', 'recoveryStdDev'],
    ['credit.recovery.lagMonths', 'recoveryLagMonths'], ['credit.recovery.basis', 'recoveryBasis'], ['sector', 'sector'], ['id', 'id'],
  ];
  return map.find(([p]) => f === p || f.startsWith(`${p}.`))?.[1] ?? 'name';
}

/** A deal problem as a tape problem: at its cell when it is about one obligor, else about the deal. */
function placeProblem(p: Problem, tape: TapeOk, dealFile: string, usedSchedule: boolean[]): TapeProblem {
  const m = /^pool\.obligors\[(\d+)\](?:\.(.*))?$/.exec(p.path);
  if (m) {
    const i = Number(m[1]);
    const field = m[2] ?? '';
    const col = columnOf(field, usedSchedule[i] ?? false, String((tape.obligors[i]?.asset as Json | undefined)?.kind ?? ''));
    const c = tape.columns[col] ?? tape.columns.name ?? null;
    return { where: cellRef(tape.sheet, c ?? null, tape.rows[i] ?? 0), key: 'tape.err.deal', params: { field: field || 'obligor', message: p.message } };
  }
  return { where: dealFile, key: 'tape.err.deal', params: { field: p.path, message: p.message } };
}

/**
 * A cost-plus pool prices some firms with their own spread (风险定价, pool.pricing.spreads, by firm
 * id): keep those of firms still in the pool, drop the others (a spread for a firm the pool no
 * longer has is invalid). Returns the dropped firms' ids, in the order the deal listed them.
 */
function dropSpreadsOfGoneFirms(pool: Json, obligors: readonly ObligorJson[]): string[] {
  const pricing = pool.pricing as Json | undefined;
  if (!pricing || !Array.isArray(pricing.spreads)) return [];
  const ids = new Set(obligors.map((o) => String(o.id)));
  const spreads = pricing.spreads as Json[];
  const dropped = spreads.map((x) => String(x.obligor)).filter((id) => !ids.has(id));
  if (dropped.length) pricing.spreads = spreads.filter((x) => ids.has(String(x.obligor)));
  return dropped;
}

/** Put the tape's obligors into a deal (as JSON), or every problem the deal then has. */
export function importPool(rawDeal: unknown, tape: TapeOk, source: ImportSource, dealFile: string): { ok: true; result: PoolImport } | { ok: false; problems: TapeProblem[] } {
  const before = validateDeal(rawDeal);
  if (!before.ok) return { ok: false, problems: before.problems.map((p) => ({ where: dealFile, key: 'tape.err.deal', params: { field: p.path, message: p.message } })) };
  const json = structuredClone(rawDeal) as Json & { pool: Json; liabilities: { tranches: Json[] }; provenance: Json[] };
  json.pool.obligors = tape.obligors;
  const droppedSpreads = dropSpreadsOfGoneFirms(json.pool, tape.obligors);

  // Tranches follow the new pool, keeping their split (scheduled targets scale with them).
  const funding = tape.obligors.reduce((s, o) => s.plus(purchase(o)), new Decimal(0));
  const oldBalances = json.liabilities.tranches.map((t) => new Decimal(String(t.balance)));
  const oldTotal = oldBalances.reduce((s, x) => s.plus(x), new Decimal(0));
  const newBalances = splitInProportion(oldBalances, funding);
  const tranches: TrancheChange[] = json.liabilities.tranches.map((t, i) => {
    const from = oldBalances[i]!;
    const to = newBalances[i]!;
    t.balance = amountJson(to);
    const principal = t.principal as Json;
    if (principal?.type === 'scheduled' && Array.isArray(principal.targets) && !from.isZero()) {
      for (const g of principal.targets as Json[]) g.balance = amountJson(new Decimal(String(g.balance)).times(to).div(from).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
    }
    return { id: String(t.id), from: from.toFixed(2), to: to.toFixed(2), share: oldTotal.isZero() ? 0 : from.div(oldTotal).toNumber() };
  });
  const rescaled = !funding.equals(oldTotal);

  // Provenance: the old pool's entries go; the tape is the source of the new pool.
  const stale = (path: unknown) => typeof path === 'string' && (path === '/pool/obligors' || path.startsWith('/pool/obligors/') || (rescaled && /^\/liabilities\/tranches\/\d+\/(balance|principal)/.test(path)));
  json.provenance = json.provenance.filter((pv) => !stale(pv.path));
  json.provenance.push(
    { path: '/pool/obligors', kind: 'fact', source: `pool tape ${source.file}`.slice(0, 300), reason: `Imported from the pool tape ${source.file} on ${source.importedOn}: firms, sectors, assets and their schedules, appraised IP and patents as the tape gives them.`.slice(0, 1000) },
    { path: '/pool/obligors', kind: 'assumption', reason: `Default probabilities and recoveries of each firm as entered in the pool tape ${source.file} (${source.importedOn}); they are the user's assumptions.`.slice(0, 1000) },
  );
  if (rescaled) {
    json.provenance.push({ path: '/liabilities/tranches', kind: 'assumption', reason: `Tranche balances rescaled to the imported pool's funding (${funding.toFixed(2)}) keeping the earlier split (${tranches.map((t) => `${t.id} ${(t.share * 100).toFixed(2)}%`).join(', ')}).`.slice(0, 1000) });
  }

  if (droppedSpreads.length) {
    json.provenance.push({ path: '/pool/pricing/spreads', kind: 'assumption', reason: `The pool tape ${source.file} (${source.importedOn}) no longer has ${droppedSpreads.join(', ')}: their own pricing spreads went with them; the other firms keep theirs.`.slice(0, 1000) });
  }

  const v = validateDeal(json);
  if (!v.ok) return { ok: false, problems: v.problems.map((p) => placeProblem(p, tape, dealFile, tape.fromSchedule)) };
  return { ok: true, result: { deal: v.deal, json, obligors: tape.obligors.length, funding: funding.toFixed(2), tranches, droppedSpreads } };
}
