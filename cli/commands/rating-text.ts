// The domestic rating and break-even answers as text for the terminal, in the reader's language.
import { kindWord, translator, type Lang, type Translate } from '../../models/i18n/index.js';
import { nameIn } from './shared.js';
import type { BreakEvenAnswer, DomesticRatingResult } from '../../models/breakeven/index.js';
import { CONCENTRATED_POOL_MAX, describeScenario } from '../../models/stress/index.js';
import { formatMoney, formatRate, textTable } from '../../models/format.js';
import { gradeSourceText } from '../../models/ratings/domestic-scale.js';

export const pct = (x: number): string => formatRate(x, 2);
const ratingText = (t: Translate, r: string) => (r === 'below BB(sf)' ? t('rating.below-scale') : r);

function allocationLine(t: Translate, r: { allocation: DomesticRatingResult['allocation']; allocationSource: DomesticRatingResult['allocationSource']; obligors: number }): string {
  return `${t(`rating.allocation.${r.allocation}`)} (${t(`rating.allocation-source.${r.allocationSource}`, { n: r.obligors, max: CONCENTRATED_POOL_MAX })})`;
}

export function formatRating(r: DomesticRatingResult, lang: Lang): string {
  const t = translator(lang);
  const set = r.tdrSet;
  const lines = [t('rating.cli.title', { name: nameIn(r.deal, lang), id: r.deal.id })];
  lines.push(set.simulation
    ? t('rating.cli.run', { paths: set.simulation.paths.toLocaleString('en-US'), seed: set.simulation.seed, method: t(`rating.method.${r.tdrMethod}`), tolerance: pct(r.tolerance), arithmetic: t(`rating.arithmetic.${r.arithmetic}`) })
    : t('rating.cli.no-run', { rate: pct(set.baseCaseDefaultRate.value) }));
  lines.push(allocationLine(t, r), t('rating.grades.source', { source: gradeSourceText(t, set.gradeTable.source) }), t('rating.scales'), '');

  lines.push(t('rating.table.tdr'));
  lines.push(textTable(
    [t('rating.col.grade'), t('rating.col.probability'), t('rating.col.multiplier'), t('rating.col.tdr-mc'), t('rating.col.tdr-lognormal'), t('rating.col.tdr-multiplier')],
    set.gradeTable.rows.map((g) => {
      const mc = set.monteCarlo;
      const ci = mc?.ci95?.[g.grade];
      return [
        g.grade, formatRate(g.targetDefaultProbability, 3), g.stressMultiplier.toFixed(2),
        mc ? `${pct(mc.byGrade[g.grade])}${ci ? ` (${pct(ci[0])}–${pct(ci[1])})` : ''}` : '—',
        set.lognormal ? pct(set.lognormal.byGrade[g.grade]) : '—',
        pct(set.stressMultiplier.byGrade[g.grade]),
      ];
    }),
  ), '');

  lines.push(t('rating.table.bdr'));
  lines.push(textTable(
    [t('rating.col.scenario'), ...r.tranches.map((x) => x.id)],
    r.scenarios.map((s) => [`${s.name}${s.inert ? ' *' : ''}`, ...r.tranches.map((x) => pct(x.bdrByScenario[s.name]!))]),
  ));
  const inert = r.scenarios.filter((s) => s.inert);
  if (inert.length) lines.push(t('rating.inert.mark', { names: inert.map((s) => `${s.name} (${t(s.inert!)})`).join('; ') }));
  lines.push('');

  lines.push(t('rating.table.ratings'));
  lines.push(textTable(
    [t('rating.col.tranche'), t('rating.col.subordination'), t('rating.col.bdr'), t('rating.col.binding'), t('rating.col.stand-alone'), t('rating.col.domestic'), t('rating.col.cushion'), t('rating.col.el-rating')],
    r.tranches.map((x) => [
      x.id, pct(x.subordination), pct(x.bdr), x.bindingScenario, ratingText(t, x.standAloneRating), ratingText(t, x.domesticRating),
      x.cushionAtRating === null ? '—' : pct(x.cushionAtRating),
      x.expectedLoss ? `${x.expectedLoss.rating} (${formatRate(x.expectedLoss.expectedLossRate, 4)})` : '—',
    ]),
  ));
  if (r.tranches.some((x) => !x.expectedLoss)) lines.push(t('rating.el-needs-run'));
  for (const x of r.tranches) if (x.largestObligorsCovered !== null && x.largestObligorsCovered > 0) lines.push(t('rating.largest-covered', { tranche: x.id, n: x.largestObligorsCovered }));

  const supported = r.tranches.filter((x) => x.support);
  if (supported.length) {
    lines.push('', t('rating.support.title'));
    for (const x of supported) {
      for (const e of x.support!.enhancements) {
        lines.push(`  ${t('rating.support.line', {
          tranche: x.id, enhancement: e.id, kind: kindWord(t, e.kind), cover: t(e.fullCover ? 'rating.support.full' : 'rating.support.partial'),
          providers: e.parties.map((p) => `${p.name} ${p.domesticRating ?? `(${t('rating.support.unrated')})`}`).join(', '),
          floor: e.floor ?? t('rating.support.no-floor'),
        })}`);
      }
    }
  }
  return lines.join('\n');
}

export function formatBreakEven(a: BreakEvenAnswer, lang: Lang): string {
  const t = translator(lang);
  const show = (x: number) => (a.vary === 'coupon' ? formatRate(x, 4) : pct(x));
  const scenario = { name: a.scenario.name, stresses: a.scenario.stresses, reason: a.scenario.reason };
  const lines = [
    t('breakeven.title', { name: nameIn(a.deal, lang), id: a.deal.id, tranche: a.tranche, what: t(`breakeven.what.${a.vary}`) }),
    t('breakeven.scenario', { name: a.scenario.name, description: describeScenario(scenario, t) }),
    `${t(`rating.allocation.${a.allocation}`)}; ${t(a.standAlone ? 'breakeven.support.stand-alone' : 'breakeven.support.with')}`,
  ];
  if (a.defaultRate !== null) lines.push(t('breakeven.fixed-default', { rate: pct(a.defaultRate) }));
  if (a.recovery !== null) lines.push(t('breakeven.fixed-recovery', { rate: pct(a.recovery) }));
  lines.push('', t(`breakeven.answer.${a.vary}.${a.status}`, { value: show(a.value), next: show(a.bracket[1]), current: a.currentCoupon === null ? '—' : formatRate(a.currentCoupon, 4) }));
  lines.push(t('breakeven.tolerance', { tolerance: a.vary === 'coupon' ? `${+(a.tolerance * 1e4).toFixed(4)} bp` : pct(a.tolerance), float: a.evaluations.float, exact: a.evaluations.exact }), '');
  lines.push(textTable(
    [t('breakeven.col.period'), t('breakeven.col.date'), t('breakeven.col.collections'), t('breakeven.col.paid'), t('breakeven.col.collections-past'), t('breakeven.col.paid-past'), t('breakeven.col.short-past')],
    a.periods.map((p) => [String(p.period), p.date, formatMoney(p.collections[0]), formatMoney(p.paid[0]), formatMoney(p.collections[1]), formatMoney(p.paid[1]), formatMoney(p.shortfallPast)]),
  ));
  return lines.join('\n');
}
