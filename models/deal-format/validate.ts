// Turn JSON text into a checked Deal, or into a list of problems that each read
// `path: what is wrong (what is allowed)`.
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import { dealSchema, type Deal } from './schema.js';
import { describeValue } from '../deal/schema-helpers.js';
import { enhancementKind } from '../enhancements/registry.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { assetPurchasePrice } from '../pool/asset-flows.js';
import { calendarRange } from '../calendar/business-days.js';
import { railProblems } from './rail-check.js';
import { offshoreLegProblems } from './leg-check.js';
import { fundingProblems } from './funding-check.js';
import { pricingRuleProblems } from '../pool/pricing-rule.js';
import { statusProblems } from './status-check.js';
import { ratingInputProblems } from '../stress/index.js';
import { generateSchedule } from '../calendar/schedule.js';
import { jsonErrorOffset, lineAndColumn } from '../deal/json-position.js';
import { flowsAfterIssue } from '../pool/asset-flows.js';
import { xirr } from '../money/xirr.js';
import { adjustDate } from '../calendar/business-days.js';
import { recoveryProblems } from '../credit/recovery.js';
import { defaultProbabilityProblems } from '../credit/default-times.js';
import { echo } from '../format.js';
import { CREDIT_TEXT, DATE_TEXT, DEAL_TEXT, GUARD_TEXT, POOL_TEXT } from '../deal/problem-text.js';

export interface Problem {
  /** Where, e.g. `liabilities.tranches[1].coupon.rate` ('' for the whole file). */
  path: string;
  message: string;
}
export type ValidationResult = { ok: true; deal: Deal } | { ok: false; problems: Problem[] };

export const formatProblem = (p: Problem): string => `${p.path || '(deal)'}: ${p.message}`;

/** `['liabilities','tranches',1,'coupon']` → `liabilities.tranches[1].coupon`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

function zodIssueMessage(iss: z.core.$ZodIssue): string {
  const code: string = iss.code;
  if (code === 'invalid_type' && (iss as { input?: unknown }).input === undefined) {
    return `is required (${(iss as { expected?: string }).expected ?? 'a value'})`;
  }
  if (code === 'invalid_value' && 'values' in iss) {
    const values = (iss as { values: unknown[] }).values;
    return `must be ${values.length === 1 ? describeValue(values[0]) : `one of ${values.map(describeValue).join(', ')}`}, got ${describeValue((iss as { input?: unknown }).input)}`;
  }
  return iss.message;
}

/** Parse JSON text, naming line and column of a syntax error. A leading byte-order mark is ignored. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    // Node quotes a snippet of the text in some messages ("..., "{"a":tru}" is not valid JSON"): drop it.
    const offset = jsonErrorOffset(body);
    const at = offset >= 0 ? lineAndColumn(body, offset) : undefined;
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    let message = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
    if (body.trim() === '') message = 'the file is empty';
    else if (/^Unexpected token/.test(message) && offset >= 0 && offset < body.length) message = `unexpected character ${JSON.stringify(body[offset])}`;
    return { ok: false, problems: [{ path: '', message: `malformed JSON${where}: ${message} (a deal file must be one JSON object)` }] };
  }
}

export function validateDealText(text: string): ValidationResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  return validateDeal(parsed.value);
}

/**
 * Check a parsed deal. Never throws: every problem comes back with its path. A check that fails
 * unexpectedly is itself reported as a problem on the section it was checking (GUARD_TEXT.internal),
 * so a hostile deal costs the user a refusal, never a crash; the fuzz test treats such a problem
 * as a defect to fix.
 */
export function validateDeal(input: unknown): ValidationResult {
  let r: ReturnType<typeof dealSchema.safeParse>;
  try {
    r = dealSchema.safeParse(input, { reportInput: true });
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: GUARD_TEXT.internal(errorText(err)) }] };
  }
  if (!r.success) {
    const problems = r.error.issues.map((iss) => ({ path: formatPath(iss.path), message: zodIssueMessage(iss) }));
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = crossCheck(r.data, input);
  return problems.length ? { ok: false, problems } : { ok: true, deal: r.data };
}

const errorText = (err: unknown): string => echo(err instanceof Error ? err.message : String(err), 200).replace(/^"|"$/g, '');

/** Run one section's check; if it throws, that becomes a problem on the section's path. */
function guarded(path: string, add: (path: string, message: string) => void, check: () => void): void {
  try {
    check();
  } catch (err) {
    add(path, GUARD_TEXT.internal(errorText(err)));
  }
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What the trust pays for one obligor's asset: the firm's funding (asked of its kind). */
export { assetPurchasePrice };

/** Checks that need more than one field: references, sums, order of dates. */
function crossCheck(deal: Deal, raw: unknown): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  /** An engine check's own message, `field: text`, made with the deal's path as the field. */
  const addPrefixed = (m: string) => {
    const at = m.indexOf(': ');
    add(at > 0 ? m.slice(0, at) : '', at > 0 ? m.slice(at + 2) : m);
  };
  const { meta } = deal;
  const datesAt = out.length;

  if (meta.maturityDate <= meta.issueDate) {
    add('meta.maturityDate', `must be after meta.issueDate (${meta.issueDate}), got ${meta.maturityDate}`);
  }
  // Payment dates roll on the calendar's official holidays, which exist only for the years shipped.
  const covered = calendarRange(meta.calendar);
  if (covered) {
    for (const key of ['issueDate', 'maturityDate'] as const) {
      const d = meta[key];
      if (d < covered.first || d > covered.last) {
        add(`meta.${key}`, `the ${meta.calendar} calendar has official holiday data from ${covered.first} to ${covered.last}, got ${d} (move the deal inside that range, or use calendar "NONE" for weekends only)`);
      }
    }
  }
  if (meta.legalMaturityDate && meta.legalMaturityDate < meta.maturityDate) {
    add('meta.legalMaturityDate', `must be on or after meta.maturityDate (${meta.maturityDate}), got ${meta.legalMaturityDate}`);
  }
  // Checks that roll dates on the calendar wait until the deal's own dates are right: they would
  // only repeat the problem (or fail on a date outside the holiday data).
  if (out.length === datesAt) {
    const rolled = rollWithinData(meta.maturityDate, meta);
    if (rolled) add('meta.maturityDate', rolled);
  }

  const uniqueIds = (list: ReadonlyArray<{ id: string }>, path: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      const prev = seen.get(x.id);
      if (prev !== undefined) add(`${path}[${i}].id`, `duplicate id "${x.id}" (already used by ${path}[${prev}]; ids must be unique)`);
      else seen.set(x.id, i);
    });
  };
  uniqueIds(deal.pool.obligors, 'pool.obligors');
  uniqueIds(deal.liabilities.tranches, 'liabilities.tranches');
  uniqueIds(deal.fees, 'fees');
  uniqueIds(deal.accounts, 'accounts');
  uniqueIds(deal.triggers, 'triggers');
  uniqueIds(deal.enhancements, 'enhancements');

  // Pool assets: each kind checks its own (dates inside the deal's life, in order, …).
  // A pass-through agent (the bank of an entrusted loan, …) serving several assets is one party: described once.
  const agents = new Map<string, { at: number; same: string }>();
  // Credit assumptions: the engine's own checks, on the deal's path.
  deal.pool.obligors.forEach((o, i) => guarded(`pool.obligors[${i}]`, add, () => {
    for (const m of [...defaultProbabilityProblems(o.credit, `pool.obligors[${i}].credit`), ...recoveryProblems(o.credit.recovery, `pool.obligors[${i}].credit.recovery`)]) addPrefixed(m);
    const kind = assetKindOf(o.asset);
    const before = out.length;
    for (const [p, m] of kind.check(o.asset, deal)) add(`pool.obligors[${i}].asset.${p}`, m);
    // What the trust pays against what it is still owed, where the price matters: the firm sold the
    // asset (its funding cost is the yield on the price), or the asset is seasoned (some of it was
    // paid before issue). A loan the originator made at issue is left out: its flows cost 1.5 ms
    // each in decimals (1,000 of them made validation 2.7 s) and its price moves no firm's cost.
    if (out.length === before && (kind.sellerBearsUpfrontFees || kind.fundingDate(o.asset, deal) < meta.issueDate)) {
      const flows = flowsAfterIssue(deal, o.asset);
      const owed = flows.reduce((s, f) => s.plus(f.interest).plus(f.principal), new Decimal(0));
      const price = kind.purchasePrice(o.asset);
      // A loan bought after its last payment, or seasoned at par with little left, or fees below the price.
      if (owed.isZero()) add(`pool.obligors[${i}].asset`, POOL_TEXT.nothingOwed(meta.issueDate));
      else if (price.greaterThan(owed)) add(`pool.obligors[${i}].asset`, POOL_TEXT.priceAboveOwed(price.toFixed(2), owed.toFixed(2), meta.issueDate));
      else if (price.greaterThan(0)) {
        // Nor so cheap that what it pays back is a yield beyond any market (a fee of 1e15 on a 15 M
        // price): the firm's funding cost would have no rate the cost comparison can find.
        const y = impliedYield(price, meta.issueDate, flows);
        if (y === null || y > MAX_ASSET_YIELD) add(`pool.obligors[${i}].asset`, POOL_TEXT.yieldTooHigh(price.toFixed(2), owed.toFixed(2), y, MAX_ASSET_YIELD));
      }
    }
    const c = kind.counterparty?.(o.asset);
    if (!c) return;
    const same = JSON.stringify(c);
    const first = agents.get(c.id);
    if (!first) agents.set(c.id, { at: i, same });
    else if (first.same !== same) add(`pool.obligors[${i}].asset`, `its agent "${c.id}" is described differently from pool.obligors[${first.at}]'s; one agent id is one party (same name, default probability, sector, holding days and recovery)`);
  }));
  // A pricing rule the pool's kinds support (whether its price can be met needs the engine: models/engine/check.ts).
  for (const [p, m] of pricingRuleProblems(deal.pool)) add(p, m);

  // Liabilities add up to the pool's funding.
  const tranches = deal.liabilities.tranches;
  tranches.forEach((t, i) => {
    if (t.currency !== meta.currency) add(`liabilities.tranches[${i}].currency`, `must be the deal currency ${meta.currency}, got ${t.currency}`);
    if (t.principal.type === 'scheduled') {
      let prevDate = meta.issueDate;
      let prevBal = new Decimal(t.balance);
      t.principal.targets.forEach((g, j) => {
        const p = `liabilities.tranches[${i}].principal.targets[${j}]`;
        if (g.date <= prevDate) add(`${p}.date`, `must be after ${prevDate} (targets in increasing date order), got ${g.date}`);
        if (new Decimal(g.balance).greaterThan(prevBal)) add(`${p}.balance`, `must not exceed the previous target (${prevBal.toFixed(2)}), got ${g.balance}`);
        prevDate = g.date;
        prevBal = new Decimal(g.balance);
      });
    }
    if (t.coupon.type === 'none' && t.class !== 'subordinated') {
      add(`liabilities.tranches[${i}].coupon`, `only a subordinated tranche may have no coupon, got class "${t.class}"`);
    }
  });
  const notes = tranches.reduce((s, t) => s.plus(t.balance), new Decimal(0));
  const funding = deal.pool.obligors.reduce((s, o) => s.plus(assetPurchasePrice(o.asset)), new Decimal(0));
  if (!notes.equals(funding)) {
    add('liabilities.tranches', `tranche balances add up to ${notes.toFixed(2)} but the pool's funding (sum of purchase prices) is ${funding.toFixed(2)}; they must be equal`);
  }
  // Up-front fees come out of what the notes raise: taking all of it leaves the firms nothing (and
  // their funding cost undefined).
  const senior = tranches.filter((t) => t.class === 'senior').reduce((s, t) => s.plus(t.balance), new Decimal(0));
  const upfront = deal.fees.filter((f) => f.timing === 'upfront').reduce((s, f) => s.plus(f.basis.type === 'fixed'
    ? new Decimal(f.basis.amount)
    : (f.basis.on === 'senior-balance' ? senior : notes).times(f.basis.annualRate).toDecimalPlaces(2)), new Decimal(0));
  if (upfront.greaterThan(0) && !upfront.lessThan(notes)) {
    add('fees', DEAL_TEXT.upfrontFeesTakeAll(upfront.toFixed(2), notes.toFixed(2)));
  }

  // Waterfall references.
  const trancheIds = new Set(tranches.map((t) => t.id));
  const feeIds = new Set(deal.fees.map((f) => f.id));
  const accountIds = new Set(deal.accounts.map((a) => a.id));
  const enhIds = new Set(deal.enhancements.map((e) => e.id));
  const list = (s: Set<string>) => [...s].map((x) => `"${x}"`).join(', ') || 'none defined';
  const checkSteps = (steps: Deal['waterfall']['normal'], path: string) => {
    steps.forEach((st, i) => {
      const p = `${path}[${i}]`;
      const refTranches = (ids: readonly string[], field: string) => ids.forEach((id, j) => {
        if (!trancheIds.has(id)) add(`${p}.${field}[${j}]`, `unknown tranche "${id}" (tranches: ${list(trancheIds)})`);
      });
      switch (st.type) {
        case 'cover-shortfall':
          st.sources.forEach((id, j) => {
            if (!enhIds.has(id) && !accountIds.has(id)) {
              add(`${p}.sources[${j}]`, `unknown source "${id}" (enhancements: ${list(enhIds)}; accounts: ${list(accountIds)})`);
              return;
            }
            // Only enhancements that answer a shortfall request can be drawn here: loss-sharing
            // funds pay on defaulted loans, internal enhancement has no payer.
            const e = deal.enhancements.find((x) => x.id === id);
            if (!e) return;
            const k = enhancementKind(e.kind);
            if (k.lossSharing || k.parties(e).length === 0) {
              add(`${p}.sources[${j}]`, `"${id}" is a ${e.kind}, which cannot be drawn for a shortfall (sources: reserve accounts, shortfall-undertaking or guarantee entries)`);
            }
          });
          refTranches(st.covers.interest, 'covers.interest');
          refTranches(st.covers.principal, 'covers.principal');
          break;
        case 'pay-fees':
          (st.fees ?? []).forEach((id, j) => {
            if (!feeIds.has(id)) add(`${p}.fees[${j}]`, `unknown fee "${id}" (fees: ${list(feeIds)})`);
          });
          break;
        case 'pay-interest':
        case 'pay-principal':
        case 'pay-principal-turbo':
          refTranches(st.tranches, 'tranches');
          break;
        case 'fund-reserve':
          if (!accountIds.has(st.account)) add(`${p}.account`, `unknown account "${st.account}" (accounts: ${list(accountIds)})`);
          break;
        case 'pay-residual':
          refTranches(st.holdUntilRepaid, 'holdUntilRepaid');
          if (st.to === 'subordinated') {
            const t = tranches.find((x) => x.id === st.tranche);
            if (!st.tranche) add(`${p}.tranche`, 'is required when the residual goes to the subordinated holder (a subordinated tranche id)');
            else if (!t) add(`${p}.tranche`, `unknown tranche "${st.tranche}" (tranches: ${list(trancheIds)})`);
            else if (t.class !== 'subordinated') add(`${p}.tranche`, `must be a subordinated tranche, got "${t.id}" of class "${t.class}"`);
          }
          break;
      }
    });
    const last = steps[steps.length - 1];
    if (last && last.type !== 'pay-residual') add(`${path}[${steps.length - 1}]`, `the last step must be "pay-residual" so that no cash is left unassigned, got "${last.type}"`);
  };
  checkSteps(deal.waterfall.normal, 'waterfall.normal');
  if (deal.waterfall.afterTrigger) checkSteps(deal.waterfall.afterTrigger, 'waterfall.afterTrigger');
  if (deal.waterfall.revolving) checkSteps(deal.waterfall.revolving, 'waterfall.revolving');
  if (deal.waterfall.accelerated) checkSteps(deal.waterfall.accelerated, 'waterfall.accelerated');
  uniqueIds(deal.events ?? [], 'events');
  // Revolving period, status events and the clean-up call: see status-check.ts.
  for (const [p, m] of statusProblems(deal)) add(p, m);
  if (deal.triggers.length > 0 && !deal.waterfall.afterTrigger) add('waterfall.afterTrigger', 'is required when triggers are defined (the steps to follow once one is breached)');
  deal.triggers.forEach((t, i) => {
    if (t.kind === 'cumulative-default-rate' && t.threshold === undefined) add(`triggers[${i}].threshold`, 'is required for a cumulative-default-rate trigger (a fraction such as 0.05)');
  });

  deal.enhancements.forEach((e, i) => guarded(`enhancements[${i}]`, add, () => {
    const k = enhancementKind(e.kind);
    for (const [p, m] of k.check?.(e) ?? []) add(`enhancements[${i}].${p}`, m);
    for (const [p, m] of k.checkInDeal?.(e, deal) ?? []) add(`enhancements[${i}].${p}`, m);
  }));

  const sim = deal.simulation;
  if (sim?.copula === 't' && sim.nu === undefined) add('simulation.nu', 'is required when copula is "t" (degrees of freedom, greater than 2)');
  if (sim?.copula === 'sector' && !sim.sectorCorrelation) add('simulation.sectorCorrelation', 'is required when copula is "sector" ({ intra, inter })');
  if (sim?.copula === 'sector' && sim.sectorCorrelation && sim.sectorCorrelation.inter > sim.sectorCorrelation.intra) {
    add('simulation.sectorCorrelation.inter', DEAL_TEXT.sectorInterAboveIntra(sim.sectorCorrelation.intra, sim.sectorCorrelation.inter));
  }

  // Stresses the Monte Carlo engine can apply: a correlation shifted out of [0, 1) has no copula.
  guarded('stresses', add, () => checkStresses(deal, add));

  // Settlement rail, "+k" offshore legs (quota on every batch) and funding: see their modules.
  // The rail rolls every collection date on the calendar, so it waits for dates that are right.
  const datesOk = !out.slice(datesAt).some((p) => /^meta\.|[dD]ate$|\.termMonths$/.test(p.path));
  if (datesOk) guarded('rail', add, () => { for (const [p, m] of railProblems(deal)) add(p, m); });
  guarded('offshoreLegs', add, () => { for (const [p, m] of offshoreLegProblems(deal)) add(p, m); });
  guarded('funding', add, () => { for (const [p, m] of fundingProblems(deal)) add(p, m); });
  if (deal.rating) {
    // Timing vectors have one share per payment period; count them only when the dates are sound.
    const periods = datesOk ? generateSchedule({ start: meta.issueDate, end: meta.maturityDate, frequency: meta.paymentFrequency, roll: meta.roll, calendar: meta.calendar, endOfMonth: meta.endOfMonth ?? false }).length : -1;
    guarded('rating', add, () => { for (const [p, m] of ratingInputProblems(deal.rating, { periods })) add(p, m); });
  }

  deal.provenance.forEach((pv, i) => {
    if (resolvePointer(raw, pv.path) === undefined) add(`provenance[${i}].path`, `points at nothing in this deal: "${pv.path}" (a JSON Pointer to an existing field)`);
  });
  return out;
}

/** The most a pool asset may yield on its price, a year (1,000%): beyond it no market buys receivables. */
const MAX_ASSET_YIELD = 10;

/** The annual yield of buying flows for `price` on `date`, or null when it is beyond the IRR search (10,000%). */
function impliedYield(price: Decimal, date: string, flows: ReadonlyArray<{ date: string; interest: Decimal; principal: Decimal }>): number | null {
  try {
    return xirr([{ date, amount: price.negated() }, ...flows.map((f) => ({ date: f.date, amount: f.interest.plus(f.principal) }))]);
  } catch {
    return null;
  }
}

/** Why `date` cannot be rolled on the deal's calendar (outside its holiday data), or null. */
function rollWithinData(date: string, meta: Deal['meta']): string | null {
  const covered = calendarRange(meta.calendar);
  if (!covered) return null;
  try {
    adjustDate(date, meta.roll, meta.calendar);
    return null;
  } catch {
    return DATE_TEXT.outsideCalendar(meta.calendar, covered.first, covered.last, `${date}, which rolls (${meta.roll}) past the data`);
  }
}

/** The correlations a stress shifts (by copula), as [deal path, value]. */
function stressedCorrelations(deal: Deal): Array<[string, number]> {
  const sim = deal.simulation;
  if (!sim) return [['simulation.rho (0 when simulation is left out)', 0]];
  if (sim.copula === 'sector' && sim.sectorCorrelation) {
    return [['simulation.sectorCorrelation.intra', sim.sectorCorrelation.intra], ['simulation.sectorCorrelation.inter', sim.sectorCorrelation.inter]];
  }
  return [['simulation.rho', sim.rho]];
}

function checkStresses(deal: Deal, add: (path: string, message: string) => void): void {
  (deal.stresses ?? []).forEach((st, i) => {
    const shift = st.rhoShift ?? 0;
    if (shift === 0) return;
    for (const [field, rho] of stressedCorrelations(deal)) {
      const r = rho + shift;
      if (!(r >= 0 && r < 1)) {
        add(`stresses[${i}].rhoShift`, CREDIT_TEXT.stressRho(field, rho, shift, r));
        return;
      }
    }
  });
}

/** Resolve a JSON Pointer (RFC 6901) in a parsed JSON value. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
