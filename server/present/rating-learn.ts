// The Learn page on the domestic rating: TDR and BDR explained, then one real tranche (Futian's
// senior notes) worked through — its break-even default rate with the waterfall on either side of
// it, the catalogue's binding scenario, the grade it reaches and its credit substitution. Every
// number is the engines'; this module only picks and orders them.
import type { AppContext } from '../context.js';
import { kindWord, type Lang, type Translate } from '../../models/i18n/index.js';
import { breakEven, type BreakEvenAnswer, type RatedTranche } from '../../models/breakeven/index.js';
import type { GradeRow } from '../../models/ratings/domestic-scale.js';
import { formatMoney, formatRate } from '../../models/format.js';
import type { RatingView } from '../rating.js';

export const RATING_LESSON = { scenarioId: 'futian-n-plus-1-2023', tranche: 'senior' } as const;

export interface RatingLesson {
  dealId: string;
  dealName: string;
  tranche: RatedTranche;
  grades: GradeRow[];
  tdr: Record<string, number>;
  answer: BreakEvenAnswer;
  steps: string[];
  /** The waterfall just at and just past the break-even default rate. */
  periods: BreakEvenAnswer['periods'];
  timing: string;
  result: string;
}

const pct = (x: number) => formatRate(x, 2);

export async function ratingLesson(ctx: AppContext, t: Translate, lang: Lang): Promise<RatingLesson> {
  const { loaded, report } = await ctx.deals.schedule(RATING_LESSON.scenarioId);
  const deal = loaded.deal;
  const view: RatingView = ctx.ratings.view(loaded, t);
  const r = view.rating;
  const x = r.tranches.find((y) => y.id === RATING_LESSON.tranche)!;
  const answer = breakEven(deal, { tranche: x.id, vary: 'default-rate', scenario: 'base' });
  const notes = deal.liabilities.tranches.reduce((s, y) => s + Number(y.balance), 0);
  const below = deal.liabilities.tranches.filter((y) => y.seniority > x.seniority).reduce((s, y) => s + Number(y.balance), 0);
  const owed = report.totals.interest + report.totals.principal + report.totals.fees;
  const short = answer.periods.reduce((s, p) => s + p.shortfallPast, 0);
  const source = view.tdrSource.kind === 'run'
    ? t('rating.learn.source-run', { run: view.tdrSource.runId, paths: view.tdrSource.paths.toLocaleString('en-US') })
    : t('rating.learn.source-multiplier', { rate: pct(r.tdrSet.baseCaseDefaultRate.value) });
  const support = x.support?.enhancements ?? [];
  const steps = [
    t('rating.learn.step1', { balance: formatMoney(x.balance), pool: formatMoney(notes), below: formatMoney(below), subordination: pct(x.subordination), collections: formatMoney(report.totals.collections), owed: formatMoney(owed) }),
    t('rating.learn.step2', { bdr: pct(answer.value), next: formatRate(answer.bracket[1], 3), short: formatMoney(short) }),
    t('rating.learn.step3', { count: r.scenarios.length, bdr: pct(x.bdr), binding: x.bindingScenario, description: view.descriptions[x.bindingScenario] ?? '' }),
    x.standAloneRating === 'below BB(sf)'
      ? t('rating.learn.step4-below', { source, tdr: pct(r.tdr['BB(sf)']), bdr: pct(x.bdr) })
      : t('rating.learn.step4', { source, bdr: pct(x.bdr), grade: x.standAloneRating, cushion: pct(x.cushion[x.standAloneRating]) }),
    support.length === 0 ? t('rating.learn.step5-none') : t('rating.learn.step5', {
      text: support.map((e) => t('rating.support.line', {
        tranche: x.id, enhancement: e.id, kind: kindWord(t, e.kind), cover: t(e.fullCover ? 'rating.support.full' : 'rating.support.partial'),
        providers: e.parties.map((p) => `${p.name} ${p.domesticRating ?? `(${t('rating.support.unrated')})`}`).join(', '),
        floor: e.floor ?? t('rating.support.no-floor'),
      })).join(' '),
    }),
  ];
  const bdrOf = (name: string) => (x.bdrByScenario[name] === undefined ? '—' : pct(x.bdrByScenario[name]!));
  return {
    dealId: deal.meta.id, dealName: lang === 'zh' && deal.meta.nameZh ? deal.meta.nameZh : deal.meta.name, tranche: x, grades: [...r.tdrSet.gradeTable.rows], tdr: r.tdr,
    answer, steps, periods: answer.periods,
    timing: t('rating.learn.timing', { front: bdrOf('front-loaded-20'), back: bdrOf('back-loaded-20'), base: bdrOf('base') }),
    result: t('rating.learn.result', { rating: x.domesticRating === 'below BB(sf)' ? t('rating.below-scale') : x.domesticRating, basis: t(`rating.web.basis.${x.ratingBasis}`) }),
  };
}
