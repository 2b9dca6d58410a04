// The default stress catalogue (默认压力情景库), as data: each entry's stresses, its source and why it is
// here. A deal changes it in its own `rating` section (add, replace by name, exclude, or start from
// none). The magnitudes are the ones DOMAIN.md lists from published rating reports and third-party
// implementations of the agencies' method ("How Chinese rating agencies rate a structured tranche");
// they are assumptions about practice, not one agency's rulebook.
import { scenarioProblems, scenarioSchema, type Scenario } from './scenario.js';

const PRACTICE = 'Chinese agencies\' TDR/BDR stress practice as summarized in DOMAIN.md ("How Chinese rating agencies rate a structured tranche")';

const raw: unknown[] = [
  { name: 'base', stresses: [], source: PRACTICE,
    reason: 'The deal\'s own recovery, prepayment and rate assumptions with defaults spread evenly over the pool\'s life: the reference the stresses are measured against.',
    reasonZh: '交易自身的回收、早偿与利率假设，违约在资产池存续期内均匀分布：各压力情景的比较基准。' },
  { name: 'front-loaded-10', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.1 }], source: PRACTICE,
    reason: 'Early defaults cost the most interest income (excess spread) before the notes are repaid: 10% of defaults moved into the first period.',
    reasonZh: '违约越早，损失的利息收入（超额利差）越多：10%的违约提前至第一期。' },
  { name: 'front-loaded-20', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }], source: PRACTICE,
    reason: 'The harsher front-loading the agencies run: 20% of defaults moved into the first period.',
    reasonZh: '更严格的违约前置：20%的违约提前至第一期。' },
  { name: 'back-loaded-10', stresses: [{ kind: 'default-timing', shape: 'back-loaded', share: 0.1 }], source: PRACTICE,
    reason: 'Late defaults leave no time for recoveries to come in before maturity: 10% of defaults moved into the last period.',
    reasonZh: '违约越晚，到期前越来不及回收：10%的违约推后至最后一期。' },
  { name: 'back-loaded-20', stresses: [{ kind: 'default-timing', shape: 'back-loaded', share: 0.2 }], source: PRACTICE,
    reason: 'The harsher back-loading: 20% of defaults moved into the last period.',
    reasonZh: '更严格的违约后置：20%的违约推后至最后一期。' },
  { name: 'recovery-minus-10', stresses: [{ kind: 'recovery-haircut', haircut: 0.1 }], source: PRACTICE,
    reason: 'IP disposal values are uncertain: recoveries 10% lower than assumed.',
    reasonZh: '知识产权处置价值不确定：回收率下调10%。' },
  { name: 'recovery-minus-20', stresses: [{ kind: 'recovery-haircut', haircut: 0.2 }], source: PRACTICE,
    reason: 'Recoveries 20% lower than assumed.', reasonZh: '回收率下调20%。' },
  { name: 'recovery-minus-30', stresses: [{ kind: 'recovery-haircut', haircut: 0.3 }], source: PRACTICE,
    reason: 'Recoveries 30% lower than assumed.', reasonZh: '回收率下调30%。' },
  { name: 'recovery-minus-50', stresses: [{ kind: 'recovery-haircut', haircut: 0.5 }], source: PRACTICE,
    reason: 'A thin market for pledged patents: recoveries halved.', reasonZh: '质押专利处置市场清淡：回收率减半。' },
  { name: 'recovery-zero', stresses: [{ kind: 'recovery-haircut', haircut: 1 }], source: PRACTICE,
    reason: 'Nothing recovered: the tranche must stand on its credit support and excess spread alone.',
    reasonZh: '零回收：仅靠信用支持与超额利差。' },
  { name: 'recovery-delay-30pct-6m', stresses: [{ kind: 'recovery-delay', share: 0.3, months: 6 }], source: PRACTICE,
    reason: 'Disposal of pledged IP takes longer than assumed: 30% of every recovery arrives 6 months late.',
    reasonZh: '质押知识产权处置耗时更长：30%的回收款推迟6个月到账。' },
  { name: 'prepayment-up-50', stresses: [{ kind: 'prepayment', multiplier: 1.5 }], source: PRACTICE,
    reason: 'Faster prepayment of loans cuts the interest the pool earns: the deal\'s prepayment rate up 50%.',
    reasonZh: '早偿加快减少资产池利息收入：早偿率上升50%。' },
  { name: 'prepayment-down-50', stresses: [{ kind: 'prepayment', multiplier: 0.5 }], source: PRACTICE,
    reason: 'Slower prepayment keeps principal in the pool longer, exposed to defaults: the deal\'s prepayment rate down 50%.',
    reasonZh: '早偿放缓使本金更久暴露于违约：早偿率下降50%。' },
  { name: 'spread-minus-25bp', stresses: [{ kind: 'spread-compression', bp: 25 }], source: PRACTICE,
    reason: 'Asset yield 25 bp a year lower (renegotiated fees or rates): less excess spread.',
    reasonZh: '资产收益率每年下降25个基点：超额利差收窄。' },
  { name: 'spread-minus-50bp', stresses: [{ kind: 'spread-compression', bp: 50 }], source: PRACTICE,
    reason: 'Asset yield 50 bp a year lower.', reasonZh: '资产收益率每年下降50个基点。' },
  { name: 'rate-up-100bp', stresses: [{ kind: 'rate-rise', bp: 100 }], source: PRACTICE,
    reason: 'Benchmark (LPR) up 100 bp: benchmark-linked coupons cost more while fixed-rate assets earn the same.',
    reasonZh: '基准利率（LPR）上升100个基点：浮动利率证券利息增加而固定利率资产收益不变。' },
  { name: 'front-20-recovery-minus-30', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }, { kind: 'recovery-haircut', haircut: 0.3 }], source: PRACTICE,
    reason: 'A combination the agencies run: early defaults with recoveries 30% lower.',
    reasonZh: '组合压力：违约前置20%，回收率下调30%。' },
  { name: 'back-20-recovery-minus-30', stresses: [{ kind: 'default-timing', shape: 'back-loaded', share: 0.2 }, { kind: 'recovery-haircut', haircut: 0.3 }], source: PRACTICE,
    reason: 'Late defaults with recoveries 30% lower.', reasonZh: '组合压力：违约后置20%，回收率下调30%。' },
  { name: 'front-20-recovery-delay', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }, { kind: 'recovery-delay', share: 0.3, months: 6 }], source: PRACTICE,
    reason: 'Early defaults with 30% of recoveries 6 months late.', reasonZh: '组合压力：违约前置20%，30%的回收款推迟6个月。' },
  { name: 'front-20-spread-minus-50bp', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }, { kind: 'spread-compression', bp: 50 }], source: PRACTICE,
    reason: 'Early defaults with 50 bp less asset yield: excess spread squeezed twice.',
    reasonZh: '组合压力：违约前置20%，资产收益率下降50个基点。' },
  { name: 'recovery-minus-50-delay', stresses: [{ kind: 'recovery-haircut', haircut: 0.5 }, { kind: 'recovery-delay', share: 0.3, months: 6 }], source: PRACTICE,
    reason: 'Recoveries halved and 30% of what remains 6 months late.', reasonZh: '组合压力：回收率减半，且30%的回收款推迟6个月。' },
  { name: 'severe-combined', stresses: [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }, { kind: 'recovery-haircut', haircut: 0.5 }, { kind: 'recovery-delay', share: 0.3, months: 6 }, { kind: 'spread-compression', bp: 50 }], source: PRACTICE,
    reason: 'Everything at once: front-loaded defaults, recoveries halved and late, 50 bp less yield.',
    reasonZh: '极端组合：违约前置、回收率减半且延迟、收益率下降50个基点。' },
  { name: 'revolving-purchase-cut-20', stresses: [{ kind: 'revolving-purchase-cut', cut: 0.2 }],
    source: 'Revolving-pool stress (循环购买率) in third-party implementations of the agencies\' method (DOMAIN.md)',
    reason: 'In a revolving pool, 20% fewer new assets bought with collections. A static pool buys nothing, so it does not bite there.',
    reasonZh: '循环购买结构中，用回收款购买的新资产减少20%；静态池不受影响。' },
];

function load(entries: unknown[]): Scenario[] {
  return entries.map((e, i) => {
    const r = scenarioSchema.safeParse(e);
    if (!r.success) throw new Error(`default stress catalogue [${i}]: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    const problems = scenarioProblems(r.data);
    if (problems.length) throw new Error(`default stress catalogue [${i}] (${r.data.name}): ${problems.map(([p, m]) => `${p}: ${m}`).join('; ')}`);
    return r.data;
  });
}

export const DEFAULT_CATALOGUE: readonly Scenario[] = Object.freeze(load(raw));
