// 信用增级规模测算 sizing solver: the smallest amount of one enhancement (a guarantee cap, an
// undertaking's capacity, the junior balance, a reserve) at which the protected (senior) tranche
// meets a target — an expected loss at or below the idealized EL of a rating at the tranche's WAL,
// or a probability of loss at or below a number.
//
// Common random numbers (公共随机数): every trial size is simulated with the same seed and path
// count, so each trial runs the very same paths (defaults, recoveries) and only the waterfall's
// answer changes. On each path a larger enhancement never leaves the senior worse off, so the
// estimated EL is non-increasing in the amount, and bisection on it is exact for these paths and
// repeatable. (The solver checks this over every trial it ran and reports any violation.)
//
// Monte Carlo uncertainty: the same bisection on the ends of the 95% confidence interval —
// the smallest amount at which EL − 1.96 s.e. meets the target (lowAmount) and the smallest at
// which EL + 1.96 s.e. does (highAmount). The required amount would move within about this range
// with another seed; it says nothing about model risk (PDs, correlation, recoveries).
import type { Seed } from '../credit/rng.js';
import type { Deal } from '../deal-format/schema.js';
import { simulate } from '../montecarlo/simulate.js';
import type { SimulationResult, ZeroLossBound } from '../montecarlo/results.js';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../ratings/derived-table.js';
import { idealizedExpectedLoss, isRating, RATING_ORDER, type Rating } from '../ratings/idealized-loss.js';
import { echo, formatMoney, formatRate } from '../format.js';
import { listEchoed, MAX_MONEY, moneyProblem } from '../deal/schema-helpers.js';
import { translate, type Lang } from '../i18n/index.js';
import { createLever, LEVER_KINDS, type Lever, type LeverKind } from './levers.js';
import { enhancementKind } from '../enhancements/registry.js';
import { breakEvenFee, type BreakEvenFee } from './break-even-fee.js';
import { enhancementDrawTiming } from './draw-timing.js';
import { assertFiniteResult } from '../engine/finite-guard.js';
import { SIZING_TEXT } from '../deal/problem-text.js';

export type SizingTarget =
  | { kind: 'rating'; rating: Rating }
  | { kind: 'probability-of-loss'; max: number };

export interface SizingRequest {
  /** The enhancement (or reserve account, subordination entry, tranche) to size. */
  enhancement: string;
  /** Which amount to turn; by default the one that fits what `enhancement` names. */
  lever?: LeverKind;
  target: SizingTarget;
  paths: number;
  seed: Seed;
  threads?: number;
  stress?: string;
  /** Stop when the bracket is this narrow, in yuan (default 10,000; 0.01 = to the fen). */
  tolerance?: number;
  /** Largest amount to try, in yuan (defaults in levers.ts). */
  maxAmount?: number | string;
  /** Annual rate for discounting draws and fees (default: the protected tranche's fixed coupon). */
  discountRate?: number;
}

export const DEFAULT_TOLERANCE = 10_000;
/** Two-sided 95% normal quantile, for the uncertainty range. */
export const Z95 = 1.959963984540054;

export interface SizingTrial {
  /** Amount tried, yuan (exact to the fen). */
  amount: number;
  /** The target's measure at this amount: expected loss rate or probability of loss. */
  value: number;
  stdErr: number;
  /** What the measure must not exceed (the idealized EL at this trial's WAL, or the given P(loss)). */
  threshold: number;
  walYears: number;
  meets: boolean;
}

export interface GuarantorFigures {
  enhancementId: string;
  kind: string;
  expectedDraw: number;
  expectedDrawStdErr: number;
  /** 99% and 99.9% quantiles of the total drawn over the deal (histogram resolution), with 95% intervals. */
  draw99: number;
  draw999: number;
  draw99CI95: [number, number];
  draw999CI95: [number, number];
  exhaustionProbability: number;
  exhaustionProbabilityStdErr: number;
  parties: Array<{ id: string; name: string; capacity: number | null; expectedPaid: number; defaultProbability: number }>;
  /**
   * `annualRateStdErr`: the fee's Monte Carlo standard error, scaled from the expected draw's
   * (the fee is the PV of the expected draws over a fixed annuity, so it carries their relative error).
   */
  breakEvenFee: BreakEvenFee & { coveredTranches: string[]; annualRateStdErr: number };
  /**
   * What the break-even fee leaves out: the guarantor's recoveries after paying (subrogation, 追偿)
   * are not counted, so the fee is a floor. It is charged a year on the scheduled balance of
   * `breakEvenFee.coveredTranches`.
   */
  recoveriesCounted: false;
  /** The fee the deal states for this enhancement (annual rate), if any. */
  statedFee: number | null;
}

/** Another layer's expected burden at the deal's current amount and at the answer: sizing one layer can move load onto another. */
export interface LayerBurden {
  kind: 'party' | 'tranche';
  id: string;
  name: string;
  /** Expected yuan paid (a party) or never repaid (a tranche) per path. */
  atCurrent: number;
  atAnswer: number;
}

export interface SizingResult {
  /** The deal; nameZh its Chinese name when it has one. */
  deal: { id: string; name: string; nameZh?: string };
  lever: { kind: LeverKind; id: string; label: string; what: Lever['what']; juniorTranche?: string; currentAmount: number; maxAmount: number };
  target: {
    kind: SizingTarget['kind'];
    tranche: string;
    rating?: Rating;
    /** For a rating target, the table it is read from. */
    table?: string;
    maxProbabilityOfLoss?: number;
    description: string;
  };
  run: { paths: number; seed: Seed; stress: string; tolerance: number; commonRandomNumbers: true };
  status: 'met' | 'met-at-zero' | 'unreachable';
  /** The smallest amount (to the tolerance) that meets the target; null when unreachable. */
  requiredAmount: number | null;
  /** For the subordination lever: the junior balance / all notes. */
  requiredShare?: number | null;
  /** The trial at the required amount (or at the largest amount, when unreachable). */
  /**
   * `zeroLossBound`: when no path lost anything at that amount, the rule-of-three bound on the
   * loss (3/paths) and the rating it supports; a target below the bound is not shown to be met.
   */
  atRequired: SizingTrial & { impliedRating: string; zeroLossBound: ZeroLossBound | null };
  /** The largest amount tried that fails the target (the lower end of the final bracket), if any. */
  justBelow: SizingTrial | null;
  uncertainty: {
    method: string;
    confidence: 0.95;
    /** Smallest amount at which value − 1.96 s.e. meets the target. */
    lowAmount: number | null;
    /** Smallest amount at which value + 1.96 s.e. meets the target; null if not even at the largest amount. */
    highAmount: number | null;
  };
  /** The enhancement's payer figures at the required amount (capacity lever, target met with more than 0). */
  guarantor: GuarantorFigures | null;
  /** The same at the conservative end of the range (uncertainty.highAmount), when that is more than 0. */
  guarantorAtHighAmount: GuarantorFigures | null;
  /** The same at the amount the deal has now (capacity lever, more than 0), whatever the answer. */
  guarantorAtCurrent: GuarantorFigures | null;
  /**
   * The other layers (parties of other enhancements, the other tranches) at the deal's current
   * amount and at the answer (the required amount, or the largest tried when unreachable).
   */
  otherLayers: LayerBurden[];
  /** The 95% range is wide next to the answer (more than half of it, or open-ended): more paths would help. */
  rangeWide: boolean;
  /** True when, over all trials, a larger amount never gave a higher value (CRN monotonicity). */
  monotone: boolean;
  /** One line: the answer, or why there is none. */
  message: string;
  trials: SizingTrial[];
}

/**
 * A rate in percent to 4 significant digits (4 decimals from 1% up): enough to tell an estimate
 * from a target it is bisected against (0.005500% vs 0.005502%).
 */
export const formatPercent = (x: number, significant = 4): string => (x === 0 ? '0%' : Math.abs(x) >= 0.01 && significant === 4 ? formatRate(x, 4) : `${(x * 100).toPrecision(significant)}%`);
const pct = formatPercent;

/** Percentages with as many significant digits (4 to 10) as it takes to tell different values apart. */
export function distinctPercents(xs: number[]): string[] {
  for (let digits = 4; ; digits++) {
    const out = xs.map((x) => formatPercent(x, digits));
    const clash = xs.some((x, i) => xs.some((y, j) => j > i && x !== y && out[i] === out[j]));
    if (!clash || digits >= 10) return out;
  }
}
const fenOf = (yuan: number) => Math.round(yuan * 100);

/** Check the request; throws RangeError naming the field, what was wrong and what is allowed. */
export function checkSizingRequest(r: SizingRequest): void {
  if (typeof r.enhancement !== 'string' || r.enhancement === '') throw new RangeError('enhancement: give the id of the enhancement to size');
  if (r.lever !== undefined && !(LEVER_KINDS as readonly string[]).includes(r.lever)) {
    throw new RangeError(`lever: must be one of ${LEVER_KINDS.join(', ')}, got ${echo(r.lever)}`);
  }
  const t = r.target as { kind?: unknown; rating?: unknown; max?: unknown } | undefined;
  if (!t || typeof t !== 'object' || Array.isArray(t) || (t.kind !== 'rating' && t.kind !== 'probability-of-loss')) {
    throw new RangeError(`target: must be a rating target { kind: "rating", rating } or { kind: "probability-of-loss", max }, got ${echo(t)}`);
  }
  const fields = t.kind === 'rating' ? ['kind', 'rating'] : ['kind', 'max'];
  const extra = Object.keys(t).filter((k) => !fields.includes(k));
  if (extra.length) throw new RangeError(SIZING_TEXT.unknownTargetField(listEchoed(extra), String(t.kind), fields.join(', ')));
  if (t.kind === 'rating' && !isRating(t.rating)) throw new RangeError(`target.rating: must be one of ${RATING_ORDER.join(', ')}, got ${echo(t.rating)}`);
  if (t.kind === 'probability-of-loss' && !(typeof t.max === 'number' && t.max > 0 && t.max < 1)) {
    throw new RangeError(`target.max: a probability of loss must be strictly between 0 and 1 (0.001 = 0.1%), got ${echo(t.max)}`);
  }
  const tol = r.tolerance ?? DEFAULT_TOLERANCE;
  if (!(typeof tol === 'number' && Number.isFinite(tol) && tol >= 0.01)) throw new RangeError(`tolerance: must be an amount in yuan of at least 0.01 (one fen), got ${echo(tol)}`);
  if (tol > Number(MAX_MONEY)) throw new RangeError(SIZING_TEXT.toleranceTooLarge(MAX_MONEY, echo(tol)));
  // The largest amount to try is money like any amount in a deal (1e308 passed here and failed in the worker).
  if (r.maxAmount !== undefined && (moneyProblem(r.maxAmount) !== null || !(Number(r.maxAmount) > 0))) {
    throw new RangeError(SIZING_TEXT.maxAmount(MAX_MONEY, echo(r.maxAmount)));
  }
  if (r.discountRate !== undefined && !(Number.isFinite(r.discountRate) && r.discountRate > -1 && r.discountRate <= 1)) {
    throw new RangeError(`discountRate: must be an annual rate above -1 and at most 1 (0.027 = 2.7%), got ${echo(r.discountRate)}`);
  }
}

/** What the target asks, in words: "senior expected loss ≤ the Aa2 idealized expected loss at its WAL (…)". */
export function describeTarget(t: SizingTarget, tranche: string, lang: Lang = 'en'): string {
  return t.kind === 'rating'
    ? translate(lang, 'size.target.rating', { tranche, rating: t.rating })
    : translate(lang, 'size.target.probability-of-loss', { tranche, max: pct(t.max) });
}

/** The lever in words: "guarantee cap", "subordination (balance of "junior")". */
export function leverWords(lever: { what: Lever['what']; juniorTranche?: string }, lang: Lang = 'en'): string {
  return translate(lang, `size.lever.${lever.what}`, { junior: lever.juniorTranche ?? '' });
}

export async function sizeEnhancement(deal: Deal, req: SizingRequest): Promise<SizingResult> {
  checkSizingRequest(req);
  const lever = createLever(deal, req.enhancement, req.lever, { maxAmount: req.maxAmount });
  const tolFen = Math.max(1, Math.round((req.tolerance ?? DEFAULT_TOLERANCE) * 100));
  const trancheId = lever.protectedTranche;
  const results = new Map<number, { trial: SizingTrial; result: SimulationResult }>();

  const evaluate = async (fen: number) => {
    const hit = results.get(fen);
    if (hit) return hit;
    const result = await simulate(lever.apply(fen), { paths: req.paths, seed: req.seed, threads: req.threads, stress: req.stress });
    const t = result.tranches.find((x) => x.id === trancheId)!;
    const wal = Math.max(t.walYears, 1 / 12);
    const trial: SizingTrial = req.target.kind === 'rating'
      ? { amount: fen / 100, value: t.expectedLossRate, stdErr: t.expectedLossRateStdErr, threshold: idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, req.target.rating, wal), walYears: t.walYears, meets: false }
      : { amount: fen / 100, value: t.probabilityOfLoss, stdErr: t.probabilityOfLossStdErr, threshold: req.target.max, walYears: t.walYears, meets: false };
    trial.meets = trial.value <= trial.threshold;
    const entry = { trial, result };
    results.set(fen, entry);
    return entry;
  };
  const passes = (z: number) => (t: SizingTrial) => t.value + z * t.stdErr <= t.threshold;

  /** Smallest amount (to the tolerance) passing `ok`, bisecting from the trials run so far; null if the largest fails. */
  const smallestPassing = async (ok: (t: SizingTrial) => boolean): Promise<number | null> => {
    const tried = [...results.keys()].sort((a, b) => a - b);
    const first = tried.find((f) => ok(results.get(f)!.trial));
    if (first === undefined) return null;
    let hi: number = first;
    const below = tried.filter((f) => f < first && !ok(results.get(f)!.trial));
    if (below.length === 0) return hi; // the smallest amount tried (0) already passes
    let lo = below[below.length - 1]!;
    while (hi - lo > tolFen) {
      const mid: number = lo + Math.floor((hi - lo) / 2);
      if (ok((await evaluate(mid)).trial)) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  await evaluate(0);
  const top = await evaluate(lever.maxFen);
  const requiredFen = await smallestPassing(passes(0));
  const lowFen = await smallestPassing(passes(-Z95));
  const highFen = await smallestPassing(passes(Z95));

  const trialsSoFar = () => [...results.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.trial);
  const trials = trialsSoFar();

  const at = requiredFen === null ? top : results.get(requiredFen)!;
  const atT = at.result.tranches.find((x) => x.id === trancheId)!;
  const failing = requiredFen === null ? [] : trials.filter((t) => fenOf(t.amount) < requiredFen && !t.meets);
  const justBelow = failing.length ? failing[failing.length - 1]! : null;
  const status: SizingResult['status'] = requiredFen === null ? 'unreachable' : requiredFen === 0 ? 'met-at-zero' : 'met';

  const figuresAt = (fen: number | null) => (fen !== null && fen > 0 && lever.enhancementIndex !== null
    ? guarantorFigures(deal, lever, fen, results.get(fen)!.result, req)
    : null);
  const guarantor = await figuresAt(requiredFen);
  const guarantorAtHighAmount = await figuresAt(highFen);
  // The deal as it stands: its guarantor's figures and every other layer's burden, to set beside the answer.
  let current: { trial: SizingTrial; result: SimulationResult } | null = null;
  try { current = await evaluate(lever.currentFen); } catch { current = null; }
  const guarantorAtCurrent = current && lever.currentFen > 0 && lever.enhancementIndex !== null
    ? await guarantorFigures(deal, lever, lever.currentFen, current.result, req)
    : null;
  const sizedEnhancement = lever.enhancementIndex === null ? null : deal.enhancements[lever.enhancementIndex]!.id;
  const otherLayers: LayerBurden[] = current ? [
    ...at.result.parties.filter((p) => p.enhancementId !== sizedEnhancement).map((p) => ({
      kind: 'party' as const, id: p.id, name: p.name, atCurrent: current!.result.parties.find((x) => x.id === p.id)?.expectedPaid ?? 0, atAnswer: p.expectedPaid,
    })),
    ...at.result.tranches.filter((t) => t.id !== trancheId).map((t) => ({
      kind: 'tranche' as const, id: t.id, name: deal.liabilities.tranches.find((x) => x.id === t.id)?.name ?? t.id,
      atCurrent: current!.result.tranches.find((x) => x.id === t.id)?.expectedShortfall ?? 0, atAnswer: t.expectedShortfall,
    })),
  ] : [];
  // Every trial, the deal's current amount included, in order of amount; and whether the estimate never rose with the amount.
  const allTrials = trialsSoFar();
  let monotone = true;
  for (let i = 1; i < allTrials.length; i++) if (allTrials[i]!.value > allTrials[i - 1]!.value + 1e-15) monotone = false;

  const notesFen = deal.liabilities.tranches.reduce((s, t) => s + fenOf(Number(t.balance)), 0);
  const out: SizingResult = {
    deal: { id: deal.meta.id, name: deal.meta.name, ...(deal.meta.nameZh ? { nameZh: deal.meta.nameZh } : {}) },
    lever: { kind: lever.kind, id: lever.id, label: lever.label, what: lever.what, ...(lever.juniorTranche ? { juniorTranche: lever.juniorTranche } : {}), currentAmount: lever.currentFen / 100, maxAmount: lever.maxFen / 100 },
    target: {
      kind: req.target.kind, tranche: trancheId,
      ...(req.target.kind === 'rating'
        ? { rating: req.target.rating, table: DERIVED_IDEALIZED_LOSS_TABLE.source.document }
        : { maxProbabilityOfLoss: req.target.max }),
      description: describeTarget(req.target, trancheId),
    },
    run: { paths: req.paths, seed: req.seed, stress: at.result.run.stress.name, tolerance: tolFen / 100, commonRandomNumbers: true },
    status,
    requiredAmount: requiredFen === null ? null : requiredFen / 100,
    ...(lever.kind === 'subordination' ? { requiredShare: requiredFen === null ? null : requiredFen / notesFen } : {}),
    atRequired: { ...at.trial, impliedRating: atT.impliedRating, zeroLossBound: atT.zeroLossBound },
    justBelow,
    uncertainty: {
      method: 'amounts at which the 95% confidence interval of the estimate (± 1.96 standard errors) meets the target, by the same bisection on the same paths',
      confidence: 0.95,
      lowAmount: lowFen === null ? null : lowFen / 100,
      highAmount: highFen === null ? null : highFen / 100,
    },
    guarantor,
    guarantorAtHighAmount,
    guarantorAtCurrent,
    otherLayers,
    // Wide: the 95% range is large next to the answer, or the answer rests on no path losing
    // anything while 3/paths (the rule of three) is above the target, so ±1.96·0 says nothing.
    rangeWide: requiredFen !== null && (highFen === null || lowFen === null || (highFen - lowFen) > 0.5 * Math.max(requiredFen, tolFen)
      || (atT.zeroLossBound !== null && atT.zeroLossBound.upperBound > at.trial.threshold)),
    monotone,
    message: '',
    trials: allTrials,
  };
  out.message = sizingMessage(out, req.target);
  return assertFiniteResult('size', out);
}

async function guarantorFigures(deal: Deal, lever: Lever, fen: number, r: SimulationResult, req: SizingRequest): Promise<GuarantorFigures> {
  const e = deal.enhancements[lever.enhancementIndex!]!;
  const sized = lever.apply(fen);
  const est = r.enhancements.find((x) => x.id === e.id)!;
  const timing = enhancementDrawTiming(sized, e.id, { paths: req.paths, seed: req.seed, stress: req.stress });
  const rate = req.discountRate ?? defaultDiscountRate(deal, lever.protectedTranche);
  const sizedEntry = sized.enhancements[lever.enhancementIndex!]!;
  const caps = enhancementKind(sizedEntry.kind).parties(sizedEntry).map((p) => p.capacity);
  return {
    enhancementId: e.id,
    kind: e.kind,
    expectedDraw: est.expectedDraw,
    expectedDrawStdErr: est.expectedDrawStdErr,
    draw99: est.drawQuantiles['0.99'],
    draw999: est.drawQuantiles['0.999'],
    draw99CI95: est.drawQuantileCI95['0.99'],
    draw999CI95: est.drawQuantileCI95['0.999'],
    exhaustionProbability: est.exhaustionProbability,
    exhaustionProbabilityStdErr: est.exhaustionProbabilityStdErr,
    parties: r.parties.filter((p) => p.enhancementId === e.id).map((p, i) => {
      const c = caps[i];
      return { id: p.id, name: p.name, capacity: c === undefined || c === null ? null : Number(c), expectedPaid: p.expectedPaid, defaultProbability: p.defaultProbability };
    }),
    breakEvenFee: (() => {
      const fee = breakEvenFee(timing.periods, rate);
      const relErr = est.expectedDraw > 0 ? est.expectedDrawStdErr / est.expectedDraw : 0;
      return { ...fee, coveredTranches: timing.coveredTranches, annualRateStdErr: fee.annualRate * relErr };
    })(),
    recoveriesCounted: false,
    statedFee: 'fee' in e && e.fee ? e.fee.annualRate : null,
  };
}

/** The protected tranche's fixed coupon: the rate its holders discount at. */
function defaultDiscountRate(deal: Deal, trancheId: string): number {
  const t = deal.liabilities.tranches.find((x) => x.id === trancheId)!;
  if (t.coupon.type === 'fixed') return t.coupon.rate;
  throw new RangeError(`discountRate: tranche "${trancheId}" has no fixed coupon to discount at; give a discount rate (e.g. --discount-rate 0.03)`);
}

function describeLevel(t: SizingTrial, target: SizingTarget, lang: Lang, thresholdText = pct(t.threshold)): string {
  return target.kind === 'rating'
    ? translate(lang, 'size.level.rating', { rating: target.rating, wal: t.walYears.toFixed(1), threshold: thresholdText })
    : translate(lang, 'size.level.probability-of-loss', { threshold: thresholdText });
}

/** The answer in one line, in English (the CLI's and the API's `message`) or Chinese. */
export function sizingMessage(r: SizingResult, target: SizingTarget, lang: Lang = 'en'): string {
  const what = translate(lang, `size.measure.${target.kind}`, { tranche: r.target.tranche });
  const lever = leverWords(r.lever, lang);
  const a = r.atRequired;
  if (r.status === 'unreachable') {
    return translate(lang, 'size.msg.unreachable', { what, value: pct(a.value), lever, amount: formatMoney(a.amount), level: describeLevel(a, target, lang) });
  }
  if (r.status === 'met-at-zero') {
    return translate(lang, 'size.msg.metAtZero', { lever, what, value: pct(a.value), level: describeLevel(a, target, lang) });
  }
  // Required value, the value just below and the target are close by construction: show enough digits to tell them apart.
  const [atText, belowText, targetText] = distinctPercents([a.value, r.justBelow?.value ?? a.value, a.threshold]);
  const below = r.justBelow ? translate(lang, 'size.msg.below', { amount: formatMoney(r.justBelow.amount), value: belowText! }) : '';
  return translate(lang, 'size.msg.met', { lever, amount: formatMoney(a.amount), what, value: atText!, below, level: describeLevel(a, target, lang, targetText) });
}

/** The target of a finished search, read back from its result. */
export function targetOf(r: SizingResult): SizingTarget {
  return r.target.kind === 'rating' ? { kind: 'rating', rating: r.target.rating! } : { kind: 'probability-of-loss', max: r.target.maxProbabilityOfLoss! };
}
