import { sensitivityGrid } from '../../models/montecarlo/sensitivity.js';
import { formatRate, printable, textTable } from '../../models/format.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang, ioT } from '../lang.js';
import { requireDeal, nameIn } from './shared.js';
import { simulateOptionsFrom, simulationFlags } from './simulate.js';


function numberList(raw: string | undefined, dflt: number[], flag: string): number[] {
  if (raw === undefined) return dflt;
  const xs = raw.split(',').map((s) => Number(s.trim().replace(/x$/, '')));
  if (xs.some((x) => !Number.isFinite(x))) throw new UsageError(`--${flag}: must be a comma-separated list of numbers, got ${JSON.stringify(raw)}`);
  return xs;
}

export async function sensitivityCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { ...simulationFlags(), pd: 'value', rho: 'value', tranche: 'value' });
  const deal = requireDeal(args.positional[0], 'sensitivity');
  const opts = simulateOptionsFrom(args, 20_000);
  const pds = numberList(flagString(args, 'pd'), [0.5, 1, 2, 3], 'pd');
  const rhos = numberList(flagString(args, 'rho'), [0, 0.1, 0.2, 0.3], 'rho');
  const trancheId = flagString(args, 'tranche') ?? deal.liabilities.tranches.reduce((a, t) => (t.seniority < a.seniority ? t : a)).id;
  if (!deal.liabilities.tranches.some((t) => t.id === trancheId)) {
    throw new UsageError(`--tranche: unknown tranche "${trancheId}" (tranches: ${deal.liabilities.tranches.map((t) => t.id).join(', ')})`);
  }
  let grid;
  try {
    grid = await sensitivityGrid(deal, pds, rhos, { paths: opts.paths, seed: opts.seed, threads: opts.threads, importanceShift: opts.importanceShift });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  if (args.flags.has('json')) { io.out(JSON.stringify(grid, null, 2)); return 0; }
  const t = ioT(io);
  io.out(`${t('cli.sens.head', { name: printable(nameIn(grid.deal, ioLang(io))), tranche: trancheId, paths: opts.paths.toLocaleString('en-US'), seed: String(opts.seed) })}\n`);
  const rows = pds.map((pd) => [t('cli.sens.row', { pd }), ...rhos.map((rho) => {
    const c = grid.cells.find((x) => x.pdMultiplier === pd && x.rho === rho)!;
    const t = c.tranches.find((x) => x.id === trancheId)!;
    return `${formatRate(t.expectedLossRate, 4)} ± ${formatRate(t.expectedLossRateStdErr, 4)}`;
  })]);
  io.out(textTable(['', ...rhos.map((r) => `ρ = ${r}`)], rows));
  return 0;
}
