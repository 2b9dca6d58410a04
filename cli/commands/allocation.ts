import { lossAllocationReport, MAX_ALLOCATION_PATHS, type Bearer, type LossAllocationReport } from '../../models/montecarlo/tail-allocation.js';
import { formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal, nameIn } from './shared.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { ioLang } from '../lang.js';


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
  io.out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatAllocation(report, ioLang(io)));
  return 0;
}

const month = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const share = (x: number) => formatRate(x, 1);
const pmMoney = (f: { mean: number; stdErr: number }) => `${formatMoney(f.mean)} ± ${formatMoney(f.stdErr)}`;

export function formatAllocation(r: LossAllocationReport, lang: Lang = 'en'): string {
  const t = translator(lang);
  const worst = t('cli.alloc.worst', { pct: formatRate(1 - r.run.tail, 1) });
  const rows = (b: Bearer) => [
    b.id,
    pmMoney(b.expected), share(b.shareOfShortfall), formatRate(b.probabilityHit, 3), month(b.meanFirstHitMonth),
    pmMoney(b.tail), share(b.tailShareOfShortfall), formatRate(b.tailProbabilityHit, 1),
  ];
  const late = r.bearers.filter((b) => (b.expectedPaidAfterDeal ?? 0) > 0);
  const byId = new Map(r.bearers.map((b) => [b.id, b]));
  return [
    `${printable(nameIn(r.deal, lang))} (${r.deal.id})`,
    t('cli.alloc.run', { paths: r.run.paths.toLocaleString('en-US'), seed: String(r.run.seed), stress: r.run.stress, worst, tail: r.run.tailPaths.toLocaleString('en-US'), threshold: formatMoney(r.run.tailPoolLossThreshold) }),
    '',
    t('cli.alloc.pool', { expected: pmMoney(r.pool.netLoss.expected), worst, tail: pmMoney(r.pool.netLoss.tail) }),
    t('cli.alloc.shortfall', { expected: pmMoney(r.pool.cashShortfall.expected), worst, tail: pmMoney(r.pool.cashShortfall.tail) }),
    '',
    textTable(
      [t('cli.alloc.col.bears'), t('cli.alloc.col.expected'), t('cli.alloc.col.share'), t('cli.alloc.col.hit'), t('cli.alloc.col.first'), t('cli.alloc.col.tail', { worst }), t('cli.alloc.col.share'), t('cli.alloc.col.hit')],
      r.bearers.map(rows),
    ),
    '',
    t('cli.alloc.order', { order: r.order.map((id) => `${id}${byId.get(id)?.role === 'enhancement-party' ? ` (${byId.get(id)!.enhancementId})` : ''}`).join(' → ') || t('cli.alloc.nobody') }),
    t('cli.alloc.tailOrder', { worst, order: r.tailOrder.join(' → ') || t('cli.alloc.nobody') }),
    ...(late.length ? ['', t('cli.alloc.late', { list: late.map((b) => `${b.id} ${formatMoney(b.expectedPaidAfterDeal!)}`).join(', ') })] : []),
    ...(Math.abs(r.pool.unattributed.expected) >= 0.01 ? [t('cli.alloc.unattributed', { amount: formatMoney(r.pool.unattributed.expected) })] : []),
    '',
    t('cli.alloc.note1'),
    t('cli.alloc.note2'),
  ].join('\n');
}
