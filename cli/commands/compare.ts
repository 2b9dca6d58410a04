import { compareDeals, type CompareResult, type DealCost } from '../../models/cost/compare.js';
import { formatBp, formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { nameIn, requireDeal } from './shared.js';
import { ioLang } from '../lang.js';
import { translator, type Lang, type MessageKey, type Translate } from '../../models/i18n/index.js';
import { costGapText, costRows, pricingText } from '../../models/cost/cost-gap-text.js';
import { baselineText, costNoteText } from '../../models/cost/cost-text.js';


export function compareCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool', paths: 'value', seed: 'value' });
  if (args.positional.length === 0) throw new UsageError('compare needs at least one deal file');
  const deals = args.positional.map((f) => requireDeal(f, 'compare'));
  const paths = flagInt(args, 'paths', 0, 0, 5_000_000);
  const seedRaw = flagString(args, 'seed') ?? '1';
  const seed = /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw;
  const result = compareDeals(deals, { paths, seed });
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatComparison(result, ioLang(io)));
  return 0;
}

const pct = (x: number) => formatRate(x, 2);
const bp = (x: number) => `${x >= 0 ? '+' : '−'}${formatBp(Math.abs(x))}`;
const plural = (t: Translate, base: 'cost.cli.days' | 'cost.cli.batches', n: number) => t(n === 1 ? `${base}.one` : `${base}.other`, { n });


function formatDeal(d: DealCost, lang: Lang): string {
  const t = translator(lang);
  const zh = lang === 'zh';
  const lines: string[] = [
    t('cost.cli.head', { name: printable(nameIn(d.deal, lang)), id: d.deal.id, market: zh ? t(`market.${d.deal.market}` as MessageKey) : d.deal.market, currency: d.deal.currency, issue: d.deal.issueDate, maturity: d.deal.maturityDate }),
    '',
    textTable(
      (['tranche', 'ccy', 'balance', 'coupon', 'benchmark', 'spread', 'fees', 'allIn', 'yield'] as const).map((k) => t(`cost.cli.col.${k}`)),
      d.tranches.map((x) => [
        x.offshore ? t('cost.cli.offshore', { id: x.id }) : x.id, x.currency, formatMoney(x.balance),
        x.coupon === null ? t('cost.cli.residual') : pct(x.coupon),
        `${x.benchmark.name.replace(/ on \d{4}-\d{2}-\d{2}$/, '').replace(' (fx.foreignRate)', '')} ${pct(x.benchmark.rate)}`,
        x.spreadOverBenchmark === null ? '' : bp(x.spreadOverBenchmark),
        pct(x.feesAllocated.annualRate), pct(x.allInCostRate), pct(x.investorYield),
      ]),
    ),
    t('cost.cli.issuer', { rate: pct(d.issuerCostRate) }),
    `${t('pricing.rule.label')}: ${pricingText(d.pricing, t)}`,
    '',
    textTable(
      (['firm', 'funding', 'firmBefore', 'firmAfter', 'bankBefore', 'bankAfter'] as const).map((k) => t(`cost.cli.col.${k}`)),
      d.firms.map((f) => [
        f.kind === 'offshore-leg' ? t('cost.cli.leg', { id: f.id }) : f.id, formatMoney(f.funding), pct(f.costRate), pct(f.subsidyAdjustedCostRate),
        pct(f.baselineCostRate), pct(f.baselineSubsidyAdjustedCostRate),
      ]),
    ),
    t('cost.cli.firms', { before: pct(d.allInCostRate), after: pct(d.subsidyAdjustedCostRate), subsidy: formatMoney(d.subsidyTotal), lowest: d.lowestFirm.id, lowestRate: pct(d.lowestFirm.subsidyAdjustedCostRate) }),
    t('cost.cli.baseline', { assumed: d.baseline.assumed ? t('cost.cli.baselineAssumed') : '', description: baselineText(d.baseline.terms, t), before: pct(d.baselineCostRate), after: pct(d.baselineSubsidyAdjustedCostRate) }),
    t('cost.cli.saving', { after: formatRate(d.savingVsBaseline, 1), before: formatRate(d.savingBeforeSubsidy, 1) }),
    '',
    textTable([t('pricing.label.costTable'), t('pricing.label.beforeSubsidy'), t('pricing.label.afterSubsidy')], costRows(d, t)),
    `${t('pricing.label.gap')}: ${costGapText(d.costGap, d.pricing, t)}`,
  ];
  if (d.rail) {
    const r = d.rail;
    lines.push(t('cost.cli.rail', {
      kind: t(`cost.rail.${r.kind}`),
      wallet: r.kind === 'e-cny' ? t('cost.cli.rail.wallet', { wallet: r.wallet ? t(`cost.wallet.${r.wallet}`) : '', sweep: r.programmable ? t('cost.cli.rail.sweep') : '' }) : '',
      collection: plural(t, 'cost.cli.days', r.collectionLagDays), distribution: plural(t, 'cost.cli.days', r.distributionLagDays),
      drag: formatMoney(r.cashDrag), fees: formatMoney(r.fees), payments: r.payments, commingling: formatMoney(r.comminglingExpectedLoss),
      servicer: r.servicer ? t('cost.cli.rail.servicer', { pd: formatRate(r.servicer.annualDefaultProbability, 2) }) : '',
      interest: formatMoney(r.trustCashInterest), net: formatMoney(r.netCost), rate: formatBp(r.annualRate),
    }));
  }
  for (const l of d.legs) {
    const last = l.quota[l.quota.length - 1];
    lines.push(t('cost.cli.legLine', {
      id: l.id, currency: l.currency, drawn: formatMoney(l.drawn), batches: plural(t, 'cost.cli.batches', l.quota.length),
      quota: last ? t('cost.cli.quota', { used: formatMoney(last.usedAfter), quota: formatMoney(last.quota) }) : '',
      fees: pct(l.chainFees.total), taxes: formatMoney(l.taxes), expected: formatMoney(l.fx.expectedFxLoss), fx99: formatMoney(l.fx.fxLoss99),
      lo: formatMoney(l.fx.fxLoss99CI95[0]), hi: formatMoney(l.fx.fxLoss99CI95[1]), hedged: formatRate(l.fx.hedgeRatio, 0),
    }));
  }
  if (d.monteCarlo) {
    const m = d.monteCarlo;
    lines.push(t('cost.cli.mc', { paths: m.paths.toLocaleString('en-US'), seed: String(m.seed), mean: formatMoney(m.comminglingLoss.mean), se: formatMoney(m.comminglingLoss.stdErr), p: formatRate(m.probabilityOfComminglingLoss, 2) }));
    for (const l of m.legs) {
      lines.push(`  ${t('cost.cli.mcLeg', {
        id: l.id, called: formatRate(l.probabilityChainCalled, 2), investor: formatMoney(l.investorLoss.mean), investorSe: formatMoney(l.investorLoss.stdErr),
        p: formatRate(l.probabilityOfInvestorLoss, 3), hk: formatMoney(l.hkGuarantorLoss.mean), hkSe: formatMoney(l.hkGuarantorLoss.stdErr),
        bank: formatMoney(l.onshoreBankLoss.mean), bankSe: formatMoney(l.onshoreBankLoss.stdErr),
      })}`);
    }
  }
  for (const k of d.noteKinds) lines.push(t('cost.cli.note', { note: costNoteText(k, t) }));
  return lines.join('\n');
}

export function formatComparison(r: CompareResult, lang: Lang = 'en'): string {
  const t = translator(lang);
  const parts = r.deals.map((d) => formatDeal(d, lang));
  for (const x of r.differences) {
    const bpText = (v: number) => (v * 10_000).toFixed(1);
    parts.push([
      t('cost.cli.railDiff', { b: x.b, a: x.a, allIn: bp(x.allInCostRate), after: bp(x.subsidyAdjustedCostRate), yield: bp(x.investorYield) }),
      textTable([t('cost.cli.col.effect'), t('cost.cli.col.yuan'), t('cost.cli.col.rate')], x.components.map((c) => [t(`compare.effect.${c.key}`), formatMoney(c.amount), bp(c.annualRate)])),
      t('compare.railExplain', {
        b: x.b, a: x.a, diff: bpText(x.allInCostRate), explained: bpText(x.components.reduce((s, c) => s + c.annualRate, 0)),
        list: x.components.map((c) => `${t(`compare.effect.${c.key}`)} ${bpText(c.annualRate)} bp`).join(lang === 'zh' ? '，' : ', '),
      }),
    ].join('\n'));
  }
  return parts.join('\n\n');
}
