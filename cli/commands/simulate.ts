import { BELOW_LOWEST_RATING } from '../../models/ratings/idealized-loss.js';
import { simulate, type SimulateOptions } from '../../models/montecarlo/simulate.js';
import { ruleOfThree, type SimulationResult } from '../../models/montecarlo/results.js';
import { formatBp, formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, threadsFrom, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal, nameIn } from './shared.js';
import { kindWord, translator, type Lang } from '../../models/i18n/index.js';
import { ioLang } from '../lang.js';


/** Options shared by the commands that run Monte Carlo. */
export function simulationFlags() {
  return { paths: 'value', seed: 'value', threads: 'value', stress: 'value', is: 'value', json: 'bool' } as const;
}

export function simulateOptionsFrom(args: ReturnType<typeof parseArgs>, defaultPaths = 100_000): SimulateOptions {
  const threads = threadsFrom(args);
  const seedRaw = flagString(args, 'seed') ?? '1';
  const seed = /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw;
  const isRaw = flagString(args, 'is');
  let importanceShift: number | 'auto' | undefined;
  if (isRaw !== undefined) {
    importanceShift = isRaw === 'auto' ? 'auto' : Number(isRaw);
    if (importanceShift !== 'auto' && !(Number.isFinite(importanceShift) && Math.abs(importanceShift) <= 8)) {
      throw new UsageError(`--is: must be "auto" or a factor shift between -8 and 8, got ${JSON.stringify(isRaw)}`);
    }
  }
  return { paths: flagInt(args, 'paths', defaultPaths, 1, 50_000_000), seed, threads, stress: flagString(args, 'stress'), importanceShift };
}

export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, simulationFlags());
  const opts = simulateOptionsFrom(args);
  const deal = requireDeal(args.positional[0], 'simulate');
  let result: SimulationResult;
  try {
    result = await simulate(deal, opts);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  if (args.flags.has('json')) io.out(JSON.stringify(result, null, 2));
  else io.out(formatSimulation(result, ioLang(io)));
  return 0;
}

const pm = (mean: number, se: number, f: (x: number) => string) => `${f(mean)} ± ${f(se)}`;

export function formatSimulation(r: SimulationResult, lang: Lang = 'en'): string {
  const t = translator(lang);
  const pct = (x: number) => formatRate(x, 4);
  const bp = (x: number) => formatBp(x);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const run = r.run;
  const lines = [
    `${printable(nameIn(r.deal, lang))} (${r.deal.id})`,
    t('cli.sim.run', {
      paths: n(run.paths), seed: String(run.seed), threads: t(run.threads > 1 ? 'cli.sim.threads.other' : 'cli.sim.threads.one', { n: run.threads }),
      stress: run.stress.name, is: run.importanceShift ? t('cli.sim.is', { shift: run.importanceShift.toFixed(3) }) : '',
    }),
    '',
    t('cli.sim.pool', { el: pm(r.pool.expectedLossRate, r.pool.expectedLossRateStdErr, pct), dr: pm(r.pool.defaultRateMean, r.pool.defaultRateMeanStdErr, pct) }),
    t('cli.sim.quantiles', {
      ess: run.importanceShift ? t('cli.sim.ess', { n: n(run.effectiveSampleSize) }) : '',
      list: Object.entries(r.pool.lossRateQuantiles).map(([q, v]) => { const [lo, hi] = r.pool.lossRateQuantileCI95[q as keyof typeof r.pool.lossRateQuantileCI95]; return `${(Number(q) * 100).toString()}% ${pct(v)} (${pct(lo)}–${pct(hi)})`; }).join(', '),
    }),
    '',
    textTable([t('cli.sim.col.tranche'), t('cli.sim.col.balance'), t('cli.sim.col.el'), t('cli.sim.col.pl'), t('cli.sim.col.wal'), t('cli.sim.col.rating')], r.tranches.map((x) => [
      x.id, formatMoney(x.initialBalance), pm(x.expectedLossRate, x.expectedLossRateStdErr, pct), pm(x.probabilityOfLoss, x.probabilityOfLossStdErr, pct), pm(x.walYears, x.walYearsStdErr, (v) => v.toFixed(3)), x.impliedRating === BELOW_LOWEST_RATING ? t('words.belowLowest') : x.impliedRating,
    ])),
  ];
  // A tranche that lost on no path: its rule-of-three bound, not a bare "0, Aaa".
  const bounded = r.tranches.filter((x) => x.zeroLossBound);
  if (bounded.length) {
    lines.push(t('cli.sim.zeroLoss', { list: bounded.map((x) => t('cli.sim.zeroLossOne', { id: x.id, bound: bp(x.zeroLossBound!.upperBound), rating: x.zeroLossBound!.ratingAtLeast })).join('; ') }));
  }
  if (r.enhancements.length) {
    lines.push('', textTable([t('cli.sim.col.enhancement'), t('cli.sim.col.kind'), t('cli.sim.col.draw'), t('cli.sim.col.draw99'), t('cli.sim.col.exhausted')], r.enhancements.map((e) => [
      e.id, kindWord(t, e.kind), pm(e.expectedDraw, e.expectedDrawStdErr, formatMoney),
      `${formatMoney(e.drawQuantiles['0.99'])} (${formatMoney(e.drawQuantileCI95['0.99'][0])}–${formatMoney(e.drawQuantileCI95['0.99'][1])})`,
      pm(e.exhaustionProbability, e.exhaustionProbabilityStdErr, pct),
    ])));
  }
  // Revolving deals and status events: how often each event fires, what is bought, whether the call is used.
  if (r.statusEvents.length || r.revolving || r.cleanUpCall) lines.push('');
  if (r.statusEvents.length) {
    // An event on no path: the rule-of-three bound (95%), not a bare 0 ± 0.
    const never = t('assets.sim.never', { bound: pct(ruleOfThree(run.paths)) });
    lines.push(t('assets.sim.events', { list: r.statusEvents.map((e) => t('assets.sim.event', { id: e.id, effect: t(`assets.sim.effect.${e.effect}`), p: e.probability > 0 ? pm(e.probability, e.probabilityStdErr, pct) : never })).join(t('assets.sim.sep')) }));
  }
  if (r.revolving) lines.push(t('assets.sim.revolving', { amount: pm(r.revolving.expectedPurchases.mean, r.revolving.expectedPurchases.stdErr, formatMoney), rate: pct(r.revolving.purchaseRate) }));
  if (r.cleanUpCall) lines.push(t('assets.sim.call', { p: pm(r.cleanUpCall.probability, r.cleanUpCall.probabilityStdErr, pct) }));
  if (r.servicer) {
    lines.push('', t('cli.sim.servicer', { id: r.servicer.id, loss: pm(r.servicer.comminglingLoss.mean, r.servicer.comminglingLoss.stdErr, formatMoney), p: pct(r.servicer.probabilityOfComminglingLoss) }));
  }
  if (r.assetAgents.length) {
    lines.push('', ...r.assetAgents.map((a) => t('assets.agent.heldCash', { id: a.id, loss: pm(a.heldCashLoss.mean, a.heldCashLoss.stdErr, formatMoney), p: pct(a.probabilityOfLoss) })));
  }
  if (r.offshoreLegs.length) {
    lines.push('', textTable([t('cli.sim.col.leg'), t('cli.sim.col.chain'), t('cli.sim.col.investors'), t('cli.sim.col.investorP'), t('cli.sim.col.hk'), t('cli.sim.col.onshore')], r.offshoreLegs.map((l) => [
      l.id, pct(l.probabilityChainCalled), pm(l.investorLoss.mean, l.investorLoss.stdErr, formatMoney), pct(l.probabilityOfInvestorLoss),
      pm(l.hkGuarantorLoss.mean, l.hkGuarantorLoss.stdErr, formatMoney), pm(l.onshoreBankLoss.mean, l.onshoreBankLoss.stdErr, formatMoney),
    ])));
  }
  return lines.join('\n');
}
