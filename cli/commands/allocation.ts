import { lossAllocationReport, MAX_ALLOCATION_PATHS, type Bearer, type LossAllocationReport } from '../../models/montecarlo/tail-allocation.js';
import { formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';


export async function allocationCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { paths: 'value', seed: 'value', stress: 'value', tail: 'value', json: 'bool' });
  const deal = requireDeal(args.positional[0], 'allocation');
  const seedRaw = flagString(args, 'seed') ?? '1';
  const tailRaw = flagString(args, 'tail');
  const tail = tailRaw === undefined ? undefined : Number(tailRaw);
  if (tail !== undefined && !(tailRaw!.trim() !== '' && tail > 0 && tail < 1)) {
    throw new UsageError(`--tail: must be a quantile strictly between 0 and 1 (0.99 = the worst 1% of paths), got ${JSON.stringify(tailRaw)}`);
  }
  let report: LossAllocationReport;
  try {
    report = lossAllocationReport(deal, {
      paths: flagInt(args, 'paths', 100_000, 1, MAX_ALLOCATION_PATHS),
      seed: /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw,
      stress: flagString(args, 'stress'),
      tail,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  io.out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatAllocation(report));
  return 0;
}

const month = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const share = (x: number) => formatRate(x, 1);
const pmMoney = (f: { mean: number; stdErr: number }) => `${formatMoney(f.mean)} ± ${formatMoney(f.stdErr)}`;

export function formatAllocation(r: LossAllocationReport): string {
  const worst = `worst ${formatRate(1 - r.run.tail, 1)}`;
  const rows = (b: Bearer) => [
    b.id,
    pmMoney(b.expected), share(b.shareOfShortfall), formatRate(b.probabilityHit, 3), month(b.meanFirstHitMonth),
    pmMoney(b.tail), share(b.tailShareOfShortfall), formatRate(b.tailProbabilityHit, 1),
  ];
  const late = r.bearers.filter((b) => (b.expectedPaidAfterDeal ?? 0) > 0);
  const byId = new Map(r.bearers.map((b) => [b.id, b]));
  return [
    `${printable(r.deal.name)} (${r.deal.id})`,
    `${r.run.paths.toLocaleString('en-US')} paths, seed ${r.run.seed}, stress ${r.run.stress}; ${worst} = the ${r.run.tailPaths.toLocaleString('en-US')} paths with the largest pool loss (at least ${formatMoney(r.run.tailPoolLossThreshold)})`,
    '',
    `Pool net loss: expected ${pmMoney(r.pool.netLoss.expected)}; ${worst} ${pmMoney(r.pool.netLoss.tail)} (± one standard error)`,
    `Scheduled cash the trust lacked (net loss + lost interest + recoveries after the deal): expected ${pmMoney(r.pool.cashShortfall.expected)}; ${worst} ${pmMoney(r.pool.cashShortfall.tail)}`,
    '',
    textTable(
      ['bears', 'expected ± s.e.', 'share', 'P(hit)', 'first month', `${worst} ± s.e.`, 'share', 'P(hit)'],
      r.bearers.map(rows),
    ),
    '',
    `Order of loss (hit on most paths first): ${r.order.map((id) => `${id}${byId.get(id)?.role === 'enhancement-party' ? ` (${byId.get(id)!.enhancementId})` : ''}`).join(' → ') || 'nobody was hit'}`,
    `In the ${worst}: ${r.tailOrder.join(' → ') || 'nobody was hit'}`,
    ...(late.length ? ['', `Paid after the final payment date (not available to the notes): ${late.map((b) => `${b.id} ${formatMoney(b.expectedPaidAfterDeal!)}`).join(', ')}`] : []),
    ...(Math.abs(r.pool.unattributed.expected) >= 0.01 ? [`Not traced to a bearer (interest on earlier or later principal): expected ${formatMoney(r.pool.unattributed.expected)}`] : []),
    '',
    'Amounts in yuan per path. Shares are of the scheduled cash the trust lacked, which is more than the pool net loss: it also lacks the',
    'defaulted firms\' lost interest and the recoveries that come after the final date. Payments after that date are left out of the shares.',
  ].join('\n');
}
