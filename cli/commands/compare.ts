import { compareDeals, type CompareResult, type DealCost } from '../../models/cost/compare.js';
import { formatBp, formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';
import { ioT } from '../lang.js';
import { translator, type Translate } from '../../models/i18n/index.js';
import { costGapText, costRows, pricingText } from '../../models/cost/cost-gap-text.js';


export function compareCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool', paths: 'value', seed: 'value' });
  const t = ioT(io);
  if (args.positional.length === 0) throw new UsageError('compare needs at least one deal file');
  const deals = args.positional.map((f) => requireDeal(f, 'compare'));
  const paths = flagInt(args, 'paths', 0, 0, 5_000_000);
  const seedRaw = flagString(args, 'seed') ?? '1';
  const seed = /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw;
  const result = compareDeals(deals, { paths, seed });
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatComparison(result, t));
  return 0;
}

const pct = (x: number) => formatRate(x, 2);
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const bp = (x: number) => `${x >= 0 ? '+' : '−'}${formatBp(Math.abs(x))}`;

function formatDeal(d: DealCost, t: Translate): string {
  const lines: string[] = [
    `${printable(d.deal.name)} (${d.deal.id}) — ${d.deal.market}, ${d.deal.currency}, ${d.deal.issueDate} → ${d.deal.maturityDate}`,
    '',
    textTable(
      ['tranche', 'ccy', 'balance', 'coupon', 'benchmark', 'spread', 'fees a year', 'all-in cost', 'investor yield'],
      d.tranches.map((t) => [
        t.offshore ? `${t.id} (offshore)` : t.id, t.currency, formatMoney(t.balance),
        t.coupon === null ? 'residual' : pct(t.coupon),
        `${t.benchmark.name.replace(/ on \d{4}-\d{2}-\d{2}$/, '').replace(' (fx.foreignRate)', '')} ${pct(t.benchmark.rate)}`,
        t.spreadOverBenchmark === null ? '' : bp(t.spreadOverBenchmark),
        pct(t.feesAllocated.annualRate), pct(t.allInCostRate), pct(t.investorYield),
      ]),
    ),
    `Notes' cost to the issuer (the trust's tranches together, with their fees): ${pct(d.issuerCostRate)}`,
    `${t('pricing.rule.label')}: ${pricingText(d.pricing, t)}`,
    '',
    textTable(
      ['firm', 'funding', 'all-in cost before subsidy', 'after subsidy', 'bank loan before subsidy', 'bank loan after subsidy'],
      d.firms.map((f) => [
        f.kind === 'offshore-leg' ? `${f.id} (+k leg)` : f.id, formatMoney(f.funding), pct(f.costRate), pct(f.subsidyAdjustedCostRate),
        pct(f.baselineCostRate), pct(f.baselineSubsidyAdjustedCostRate),
      ]),
    ),
    `Firms' all-in cost: ${pct(d.allInCostRate)} before subsidy, ${pct(d.subsidyAdjustedCostRate)} after (subsidy ${formatMoney(d.subsidyTotal)}); lowest firm ${d.lowestFirm.id} at ${pct(d.lowestFirm.subsidyAdjustedCostRate)}`,
    `Baseline${d.baseline.assumed ? ' (assumed: the deal has none)' : ''}: ${d.baseline.description}: ${pct(d.baselineCostRate)} before subsidy, ${pct(d.baselineSubsidyAdjustedCostRate)} after`,
    `Saving against the baseline: ${formatRate(d.savingVsBaseline, 1)} after subsidy (before subsidy ${formatRate(d.savingBeforeSubsidy, 1)})`,
    '',
    textTable([t('pricing.label.costTable'), t('pricing.label.beforeSubsidy'), t('pricing.label.afterSubsidy')], costRows(d, t)),
    `${t('pricing.label.gap')}: ${costGapText(d.costGap, d.pricing, t)}`,
  ];
  if (d.rail) {
    const r = d.rail;
    lines.push(
      `Rail: ${r.kind}${r.kind === 'e-cny' ? ` (${r.wallet} wallet${r.programmable ? ', programmed sweep' : ''})` : ''}, collections held ${days(r.collectionLagDays)}, distributions ${days(r.distributionLagDays)}: ` +
      `cash drag ${formatMoney(r.cashDrag)}, fees ${formatMoney(r.fees)} (${r.payments} payments), expected commingling loss ${formatMoney(r.comminglingExpectedLoss)}` +
      `${r.servicer ? ` (servicer PD ${formatRate(r.servicer.annualDefaultProbability, 2)} a year)` : ''}, less interest on trust cash ${formatMoney(r.trustCashInterest)}` +
      ` → net ${formatMoney(r.netCost)}, ${formatBp(r.annualRate)} a year of the pool`,
    );
  }
  for (const l of d.legs) {
    const last = l.quota[l.quota.length - 1];
    lines.push(
      `+k leg ${l.id}: ${l.currency}, ${formatMoney(l.drawn)} CNY drawn in ${l.quota.length} batch${l.quota.length === 1 ? '' : 'es'}` +
      `${last ? `, risk-weighted use ${formatMoney(last.usedAfter)} of a ${formatMoney(last.quota)} quota` : ''}; ` +
      `chain fees ${pct(l.chainFees.total)} a year; withholding taxes ${formatMoney(l.taxes)}; FX loss expected ${formatMoney(l.fx.expectedFxLoss)}, 99% ${formatMoney(l.fx.fxLoss99)} (95% CI ${formatMoney(l.fx.fxLoss99CI95[0])}–${formatMoney(l.fx.fxLoss99CI95[1])}; hedged ${formatRate(l.fx.hedgeRatio, 0)})`,
    );
  }
  if (d.monteCarlo) {
    const m = d.monteCarlo;
    lines.push(`Monte Carlo (${m.paths.toLocaleString('en-US')} paths, seed ${String(m.seed)}): commingling loss ${formatMoney(m.comminglingLoss.mean)} ± ${formatMoney(m.comminglingLoss.stdErr)} (P ${formatRate(m.probabilityOfComminglingLoss, 2)})`);
    for (const l of m.legs) {
      lines.push(`  ${l.id}: chain called ${formatRate(l.probabilityChainCalled, 2)}; offshore investors lose ${formatMoney(l.investorLoss.mean)} ± ${formatMoney(l.investorLoss.stdErr)} (P ${formatRate(l.probabilityOfInvestorLoss, 3)}), ` +
        `Hong Kong guarantor ${formatMoney(l.hkGuarantorLoss.mean)} ± ${formatMoney(l.hkGuarantorLoss.stdErr)}, onshore bank ${formatMoney(l.onshoreBankLoss.mean)} ± ${formatMoney(l.onshoreBankLoss.stdErr)}`);
    }
  }
  for (const n of d.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

export function formatComparison(r: CompareResult, t: Translate = translator('en')): string {
  const parts = r.deals.map((d) => formatDeal(d, t));
  for (const x of r.differences) {
    parts.push([
      `${x.b} vs ${x.a} (same deal, different rail): firms' all-in cost ${bp(x.allInCostRate)} (after subsidy ${bp(x.subsidyAdjustedCostRate)}), senior investor yield ${bp(x.investorYield)}`,
      textTable(['effect', 'yuan', 'a year of the pool'], x.components.map((c) => [c.effect, formatMoney(c.amount), bp(c.annualRate)])),
      x.explanation,
    ].join('\n'));
  }
  return parts.join('\n\n');
}
