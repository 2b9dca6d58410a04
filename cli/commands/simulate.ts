import { cpus } from 'node:os';
import { simulate, type SimulateOptions } from '../../models/montecarlo/simulate.js';
import type { SimulationResult } from '../../models/montecarlo/results.js';
import { formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';
import { negotiateLang, translator } from '../../models/i18n/index.js';


/** Options shared by the commands that run Monte Carlo. */
export function simulationFlags() {
  return { paths: 'value', seed: 'value', threads: 'value', stress: 'value', is: 'value', json: 'bool' } as const;
}

export function simulateOptionsFrom(args: ReturnType<typeof parseArgs>, defaultPaths = 100_000): SimulateOptions {
  const threadsRaw = flagString(args, 'threads');
  const threads = threadsRaw === 'all' ? Math.max(1, cpus().length) : flagInt(args, 'threads', 1, 1, 64);
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
  const deal = requireDeal(args.positional[0], 'simulate');
  const opts = simulateOptionsFrom(args);
  let result: SimulationResult;
  try {
    result = await simulate(deal, opts);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  if (args.flags.has('json')) io.out(JSON.stringify(result, null, 2));
  else io.out(formatSimulation(result));
  return 0;
}

const pm = (mean: number, se: number, f: (x: number) => string) => `${f(mean)} ± ${f(se)}`;

export function formatSimulation(r: SimulationResult): string {
  const pct = (x: number) => formatRate(x, 4);
  const lines = [
    `${printable(r.deal.name)} (${r.deal.id})`,
    `${r.run.paths.toLocaleString('en-US')} paths, seed ${r.run.seed}, ${r.run.threads} thread${r.run.threads > 1 ? 's' : ''}, stress ${r.run.stress.name}${r.run.importanceShift ? `, importance sampling shift ${r.run.importanceShift.toFixed(3)}` : ''}`,
    '',
    `Pool expected loss ${pm(r.pool.expectedLossRate, r.pool.expectedLossRateStdErr, pct)} (± one standard error); mean default rate ${pm(r.pool.defaultRateMean, r.pool.defaultRateMeanStdErr, pct)}`,
    `Pool loss quantiles (95% CI${r.run.importanceShift ? `, from the effective sample size ${Math.round(r.run.effectiveSampleSize).toLocaleString('en-US')}: conservative under importance sampling` : ''}): ${Object.entries(r.pool.lossRateQuantiles).map(([q, v]) => { const [lo, hi] = r.pool.lossRateQuantileCI95[q as keyof typeof r.pool.lossRateQuantileCI95]; return `${(Number(q) * 100).toString()}% ${pct(v)} (${pct(lo)}–${pct(hi)})`; }).join(', ')}`,
    '',
    textTable(['tranche', 'balance', 'expected loss ± s.e.', 'P(loss) ± s.e.', 'WAL (y) ± s.e.', 'implied rating'], r.tranches.map((t) => [
      t.id, formatMoney(t.initialBalance), pm(t.expectedLossRate, t.expectedLossRateStdErr, pct), pm(t.probabilityOfLoss, t.probabilityOfLossStdErr, pct), pm(t.walYears, t.walYearsStdErr, (x) => x.toFixed(3)), t.impliedRating,
    ])),
  ];
  if (r.enhancements.length) {
    lines.push('', textTable(['enhancement', 'kind', 'expected draw ± s.e.', '99% draw (95% CI)', 'P(exhausted) ± s.e.'], r.enhancements.map((e) => [
      e.id, e.kind, pm(e.expectedDraw, e.expectedDrawStdErr, formatMoney),
      `${formatMoney(e.drawQuantiles['0.99'])} (${formatMoney(e.drawQuantileCI95['0.99'][0])}–${formatMoney(e.drawQuantileCI95['0.99'][1])})`,
      pm(e.exhaustionProbability, e.exhaustionProbabilityStdErr, pct),
    ])));
  }
  if (r.servicer) {
    lines.push('', `Servicer ${r.servicer.id}: expected commingling loss ${pm(r.servicer.comminglingLoss.mean, r.servicer.comminglingLoss.stdErr, formatMoney)} CNY, probability ${pct(r.servicer.probabilityOfComminglingLoss)}`);
  }
  if (r.assetAgents.length) {
    const t = translator(negotiateLang(process.env.LANG));
    lines.push('', ...r.assetAgents.map((a) => t('assets.agent.heldCash', { id: a.id, loss: pm(a.heldCashLoss.mean, a.heldCashLoss.stdErr, formatMoney), p: pct(a.probabilityOfLoss) })));
  }
  if (r.offshoreLegs.length) {
    lines.push('', textTable(['offshore leg', 'P(chain called)', 'investors\' loss ± s.e.', 'P(investor loss)', 'HK guarantor loss', 'onshore bank loss'], r.offshoreLegs.map((l) => [
      l.id, pct(l.probabilityChainCalled), pm(l.investorLoss.mean, l.investorLoss.stdErr, formatMoney), pct(l.probabilityOfInvestorLoss),
      pm(l.hkGuarantorLoss.mean, l.hkGuarantorLoss.stdErr, formatMoney), pm(l.onshoreBankLoss.mean, l.onshoreBankLoss.stdErr, formatMoney),
    ])));
  }
  return lines.join('\n');
}
