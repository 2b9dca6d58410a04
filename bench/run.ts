// npm run bench: first, whole processes as a user meets them (CLI start-up, the web run's first
// progress event, `ipabs simulate` against a C program of the same model and on 2 threads against
// 1: bench/processes.ts); then Monte Carlo speed and memory inside one process on the shipped
// scenarios and the synthetic pool, on one thread and on all cores, plus plain vs importance
// sampling for a rare senior loss; the domestic rating's break-even tables (bench/rating.ts), the
// design optimizer on Yuhang and Futian over three levers each (bench/design.ts); last, the library
// at scale (bench/library.ts: 5,000 saved deals).
// Options: --quick (fewer paths and repeats), --only NAME (one deal; --only library: just the library), --no-memory (skip the 10 M-path
// run), --processes-only (just the whole-process part), --no-processes (skip it), --rating-only (just the
// domestic rating's break-even tables: bench/rating.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { validateDeal, formatProblem } from '../models/deal-format/validate.js';
import type { Deal } from '../models/deal-format/schema.js';
import { simulate } from '../models/montecarlo/simulate.js';
import { textTable } from '../models/format.js';
import { projectRoot } from '../server/config.js';
import { cliStartup, compareWithC, firstProgress, median, simulateMemory } from './processes.js';
import { benchRating } from './rating.js';
import { benchDesign } from './design.js';
import { libraryBench } from './library.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const root = projectRoot;
const cores = Math.max(1, cpus().length);
const repeats = quick ? 1 : 3;
if (only === 'library') {
  await libraryBench();
  process.exit(0);
}

function load(path: string): Deal {
  const r = validateDeal(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.ok) throw new Error(`${path}: ${r.problems.map(formatProblem).join('; ')}`);
  return r.deal;
}

const deals: Array<{ name: string; deal: Deal; paths: number; target?: string }> = [
  ...readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const deal = load(join(root, 'scenarios', f));
    return { name: deal.meta.id, deal, paths: quick ? 100_000 : 1_000_000, target: deal.meta.id === 'yuhang-abn-2023' ? '1,000,000 paths < 2 s on 1 thread' : undefined };
  }),
  { name: 'synthetic-1000', deal: load(join(root, 'bench', 'synthetic-1000.json')), paths: quick ? 20_000 : 100_000, target: '100,000 paths < 5 s on 1 thread' },
].filter((d) => !only || d.name === only);

if (args.includes('--rating-only')) {
  benchRating(deals, repeats);
  process.exit(0);
}

async function timed(deal: Deal, paths: number, threads: number, importanceShift?: number | 'auto') {
  const t0 = process.hrtime.bigint();
  const result = await simulate(deal, { paths, seed: 2026, threads, importanceShift });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { result, seconds };
}

if (!args.includes('--no-processes')) {
  const startupRepeats = quick ? 3 : 5;
  console.log(`Start-up as a user meets it (Node ${process.version}, ${cores} cores; whole processes from the build, median of ${startupRepeats}, slowest shown):\n`);
  const fp = await firstProgress(root, startupRepeats);
  const fpAll = [...fp.fresh, ...fp.later];
  console.log(textTable(['what', 'median wall (CPU)', 'slowest', 'target', ''], [
    ...cliStartup(root, startupRepeats),
    ['first progress event of a 100,000-path web run after submit (yuhang)', `${median(fpAll).toFixed(3)} s (first run of a fresh server ${fp.fresh[0]!.toFixed(3)} s)`, `${Math.max(...fpAll).toFixed(3)} s`, '< 0.5 s', median(fpAll) < 0.5 ? 'met' : 'MISSED'],
  ]));
  console.log(`\n${compareWithC(root, 100_000, quick ? 3 : 5)}\n`);
  if (args.includes('--processes-only')) process.exit(0);
}

const rows: string[][] = [];
for (const d of deals) {
  // First run: compiling the deal and starting worker threads, reported on its own.
  const cold1 = await timed(d.deal, 4096, 1);
  const coldAll = cores > 1 ? await timed(d.deal, 4096 * cores, cores) : cold1;
  // Then let the JIT settle on every thread (V8 optimizes each worker's copy of the hot loop on its
  // own) so that the timed runs measure steady throughput, not warm-up.
  await timed(d.deal, Math.min(d.paths, 4096 * 16), 1);
  if (cores > 1) await timed(d.deal, Math.min(d.paths, 4096 * 16 * cores), cores);
  // Each configuration runs `repeats` times, alternating; the best time is the figure (timeit's
  // rule: noise only ever adds time) and the slowest is shown beside it.
  const ones: number[] = [];
  const alls: number[] = [];
  for (let k = 0; k < repeats; k++) {
    ones.push((await timed(d.deal, d.paths, 1)).seconds);
    if (cores > 1) alls.push((await timed(d.deal, d.paths, cores)).seconds);
  }
  const one = Math.min(...ones);
  const all = cores > 1 ? Math.min(...alls) : one;
  const spread = (xs: number[]) => (xs.length > 1 ? ` (≤ ${Math.max(...xs).toFixed(2)})` : '');
  rows.push([
    d.name, d.paths.toLocaleString('en-US'),
    `${one.toFixed(2)} s${spread(ones)}`, `${Math.round(d.paths / one).toLocaleString('en-US')}/s`,
    `${all.toFixed(2)} s${spread(alls)}`, `${Math.round(d.paths / all).toLocaleString('en-US')}/s`,
    `${(one / all).toFixed(2)}×`, `${cold1.seconds.toFixed(2)} s / ${coldAll.seconds.toFixed(2)} s`, d.target ?? '',
  ]);
  console.error(`  ${d.name}: done`);
}
console.log(`Monte Carlo speed (Node ${process.version}, ${cores} cores): wall time of simulate() with the deal compiled and worker threads started,\nbest of ${repeats} run${repeats > 1 ? 's' : ''} (the slowest in brackets); the first-run overhead (compile + thread start, measured on a small run) is shown separately.\n`);
console.log(textTable(['deal', 'paths', '1 thread', 'paths/s', `all cores (${cores})`, 'paths/s', 'speed-up', 'first run 1 / all', 'target'], rows));

// Rare senior losses: plain sampling vs importance sampling on the systematic factor.
const rare = deals.find((d) => d.name === 'synthetic-1000');
if (rare) {
  const paths = quick ? 20_000 : 100_000;
  const plain = await timed(rare.deal, paths, cores);
  // The synthetic pool's figures, for comparison with other implementations of the same model.
  const r = plain.result;
  const pctSe = (m: number, se: number) => `${(m * 100).toFixed(4)}% ± ${(se * 100).toFixed(4)}%`;
  console.log(`\nSynthetic pool results (${paths.toLocaleString('en-US')} paths, seed 2026): pool expected loss ${pctSe(r.pool.expectedLossRate, r.pool.expectedLossRateStdErr)}, mean default rate ${pctSe(r.pool.defaultRateMean, r.pool.defaultRateMeanStdErr)}\n`);
  console.log(textTable(['tranche', 'expected loss ± s.e.', 'P(loss) ± s.e.', 'WAL (y)'], r.tranches.map((t) => [
    t.id, pctSe(t.expectedLossRate, t.expectedLossRateStdErr), pctSe(t.probabilityOfLoss, t.probabilityOfLossStdErr), t.walYears.toFixed(3),
  ])));
  const is = await timed(rare.deal, paths, cores, 'auto');
  const rse = (r: typeof plain.result) => {
    const t = r.tranches[0]!;
    return t.expectedLossRate > 0 ? `${((t.expectedLossRateStdErr / t.expectedLossRate) * 100).toFixed(1)}%` : 'no loss seen';
  };
  const line = (label: string, r: typeof plain.result) => [label, `${(r.tranches[0]!.expectedLossRate * 100).toPrecision(4)}%`, `${(r.tranches[0]!.expectedLossRateStdErr * 100).toPrecision(3)}%`, rse(r), r.run.importanceShift.toFixed(3), Math.round(r.run.effectiveSampleSize).toLocaleString('en-US')];
  console.log(`\nSenior tranche "${rare.deal.liabilities.tranches[0]!.id}" of ${rare.name}, ${paths.toLocaleString('en-US')} paths: plain vs importance sampling (target: relative s.e. < 10%)\n`);
  console.log(textTable(['sampling', 'expected loss', 'std. error', 'relative s.e.', 'factor shift', 'effective sample'], [line('plain', plain.result), line('importance', is.result)]));
}

benchRating(deals, repeats);
await benchDesign(deals, quick);

// Memory: a 10 M-path Yuhang run (all cores) must stay under 500 MB peak.
const yuhang = deals.find((d) => d.name === 'yuhang-abn-2023');
if (yuhang && !args.includes('--no-memory') && !quick) {
  const run = simulateMemory(root, join(root, 'scenarios', 'yuhang-abn-2023.json'), 10_000_000, cores);
  console.log(`\nMemory: ipabs simulate yuhang-abn-2023 at 10,000,000 paths on ${cores} threads, as its own process: ${run.wall.toFixed(1)} s; peak resident memory ${run.peakMb.toFixed(0)} MB (target < 500 MB: ${run.peakMb < 500 ? 'met' : 'MISSED'})`);
} else {
  console.log(`\nPeak resident memory of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

if (!only) await libraryBench();
