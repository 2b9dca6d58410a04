// 风险补偿基金 government risk-compensation funds for IP-pledge loans (知识产权质押融资). A fund
// (with, in some cities, an insurer, a guarantor, an appraiser or the IP bureau) pays part of
// each loan's net loss to the lender. The trust holds the loans, so it is the lender: the bank's
// share (银行承担部分) stays with the trust, and the other parties pay INTO the trust.
//
// Presets reproduce the rules in the brief's table "Credit-enhancement and loss-sharing
// mechanisms" (/work/shared/DOMAIN.md), each with its source file; `custom` takes your own.
// What the sources do not say (timing, what "4%" caps) is an assumption, stated per preset and in
// docs/enhancements.md.
import { z } from 'zod';
import { fraction, identifier, listOf, money, oneOf, strictObject } from '../deal/schema-helpers.js';
import { enhancementBase, type EnhancementKind, type EnhancementParty } from './common.js';
import {
  NO_CAPS, checkTiers, coverLossByRule, createLossRuleState, describeTiming, fmtShare, payerCaps,
  payerSchema, recordOf, sharesAddToOne, tierSchema, tighterCaps, timingSchema, uniquePayerIds,
  type Caps, type LossRule, type LossRuleState, type Payer, type Tier, type Timing,
} from './loss-sharing-rules.js';

const SRC_000 = '000_c92da1c673fd193c.txt';
const SRC_001 = '001_518dc6269f45520b.txt';
const SRC_004 = '004_ec86f67bd0a57869.txt';

export interface RiskCompensationPreset {
  label: string;
  labelZh: string;
  /** The rule as the source states it. */
  rule: string;
  /** Source files of the brief's table. */
  sources: string[];
  /** Shares of a net loss, the lender's included (they add to 1). For tiered presets, null. */
  shares: Record<string, number> | null;
  /** The share that stays with the trust (the lender). */
  lender: string;
  /** For tiered presets: the one payer and its bands. */
  tiers?: { payer: string; bands: Tier[] };
  /** Caps the rule puts on a payer. */
  caps?: Record<string, Partial<Caps>>;
  /** Loans larger than this (original principal, yuan) are outside the programme. */
  maxLoanSize?: number;
  timing: Timing;
  /** What the model assumes beyond the source. */
  assumptions: string[];
}

const AT_WRITE_OFF: Timing = { type: 'at-write-off' };
const WRITE_OFF_ASSUMED = 'timing: the source does not say when the fund pays; assumed at write-off (核销), after disposal of the pledge.';
const NET_LOSS = 'the loss shared is the net loss (exposure at default minus recovery); the source speaks of the (principal) loss.';

/** Preset names; "custom" takes your own shares or tiers. */
export const PRESET_NAMES = [
  'shanghai-pre-compensation', 'shanghai-deposit', 'jiangsu-suzhidai', 'hangzhou-patent-pledge', 'zhongshan',
  'zhuhai', 'shenzhen', 'dongguan', 'guangzhou', 'yongjia', 'wenling', 'custom',
] as const;
export type RiskCompensationPresetName = Exclude<(typeof PRESET_NAMES)[number], 'custom'>;

export const RISK_COMPENSATION_PRESETS: Record<RiskCompensationPresetName, RiskCompensationPreset> = {
  'shanghai-pre-compensation': {
    label: 'Shanghai pre-compensation', labelZh: '上海 前补偿',
    rule: 'after a loan has been non-performing 90 days, without waiting for write-off, the fund pays 55% of the net loss (was 25%, with an NPL-ratio threshold now removed)',
    sources: [SRC_000, SRC_004],
    shares: { fund: 0.55, bank: 0.45 }, lender: 'bank',
    timing: { type: 'after-default', months: 3 },
    assumptions: [
      'default month = the month the loan becomes non-performing; 90 days = 3 months.',
      'the fund pays 55% of the eventual net loss at month +3; in practice it pays on the overdue principal and shares recoveries back later (same undiscounted total).',
    ],
  },
  'shanghai-deposit': {
    label: 'Shanghai guarantee-fund deposit', labelZh: '上海 保证金',
    rule: '2 months after a loan becomes non-performing, about 80% of the net loss is moved to a deposit account; it is paid out when the write-off completes',
    sources: [SRC_000, SRC_004],
    shares: { fund: 0.8, bank: 0.2 }, lender: 'bank',
    timing: { type: 'deposit-then-write-off', depositMonths: 2 },
    assumptions: [
      '"about 80%" taken as exactly 80%.',
      'once deposited (month +2) the money is the trust\'s whatever happens to the fund later; it reaches the trust at write-off.',
    ],
  },
  'jiangsu-suzhidai': {
    label: 'Jiangsu Su Zhi Dai', labelZh: '江苏 苏知贷',
    rule: 'the fund covers 80% of losses on loans of at most 10 M CNY (rate ≤ 1Y LPR + 80 bp, term ≤ 3 y; at a 3% NPL "fuse" 30% of the balance may be used for renewals, counted at 110%)',
    sources: [SRC_000, SRC_004],
    shares: { fund: 0.8, bank: 0.2 }, lender: 'bank',
    maxLoanSize: 10_000_000,
    timing: AT_WRITE_OFF,
    assumptions: [
      'a loan above 10 M CNY is outside the 苏知贷 product: none of its loss is covered (not "the first 10 M").',
      'the 3% NPL fuse and renewals (续贷) are not modelled: the trust does not renew loans.',
      WRITE_OFF_ASSUMED, NET_LOSS,
    ],
  },
  'hangzhou-patent-pledge': {
    label: 'Hangzhou patent-pledge fund', labelZh: '杭州 专利质押融资风险池',
    rule: 'guarantor : IP bureau : bank = 4 : 4 : 2 (1061 loans, 15.18 bn CNY; 5 overdue loans of 9.93 M CNY, fund paid 2.235 M; compensation rate 0.61%)',
    sources: [SRC_001],
    shares: { guarantor: 0.4, 'ip-bureau': 0.4, bank: 0.2 }, lender: 'bank',
    timing: AT_WRITE_OFF,
    assumptions: ['the bank\'s 20% stays with the lender, i.e. the trust.', WRITE_OFF_ASSUMED, NET_LOSS],
  },
  zhongshan: {
    label: 'Zhongshan', labelZh: '中山',
    rule: 'fund : bank : insurer : appraiser = 54 : 26 : 16 : 4',
    sources: [SRC_000],
    shares: { fund: 0.54, bank: 0.26, insurer: 0.16, appraiser: 0.04 }, lender: 'bank',
    timing: AT_WRITE_OFF,
    assumptions: ['the bank\'s 26% stays with the trust; fund, insurer and appraiser pay into it.', WRITE_OFF_ASSUMED, NET_LOSS],
  },
  zhuhai: {
    label: 'Zhuhai', labelZh: '珠海',
    rule: 'bank 60%, fund 40%',
    sources: [SRC_000],
    shares: { fund: 0.4, bank: 0.6 }, lender: 'bank',
    timing: AT_WRITE_OFF,
    assumptions: [WRITE_OFF_ASSUMED, NET_LOSS],
  },
  shenzhen: {
    label: 'Shenzhen', labelZh: '深圳',
    rule: 'fund : bank = 1 : 1, at most 2 M CNY per loan (the fund grew from 30 M to 5 bn CNY)',
    sources: [SRC_000],
    shares: { fund: 0.5, bank: 0.5 }, lender: 'bank',
    caps: { fund: { perLoan: 2_000_000 } },
    timing: AT_WRITE_OFF,
    assumptions: [
      '"≤ 2 M CNY per loan" read as the most the fund pays for one loan (a loss above 4 M CNY is covered 2 M, the rest stays with the trust).',
      WRITE_OFF_ASSUMED, NET_LOSS,
    ],
  },
  dongguan: {
    label: 'Dongguan', labelZh: '东莞',
    rule: 'cap = 4% of eligible principal; tiered cover 80 / 60 / 50 / 30%',
    sources: [SRC_000],
    shares: null, lender: 'bank',
    tiers: {
      payer: 'fund',
      bands: [
        { upToLossRatio: 0.01, cover: 0.8 },
        { upToLossRatio: 0.02, cover: 0.6 },
        { upToLossRatio: 0.03, cover: 0.5 },
        { upToLossRatio: 0.04, cover: 0.3 },
      ],
    },
    timing: AT_WRITE_OFF,
    assumptions: [
      'tiers read as four bands of cumulative net loss, each 1% of eligible principal wide: the first 1% of losses covered 80%, the next 1% 60%, then 50%, then 30%.',
      'the 4% cap read as the loss ratio beyond which the fund pays nothing; the fund thus pays at most 2.2% of eligible principal. (Reading it instead as a cap on payments: use preset "custom" with tiers and capacityShareOfPool 0.04.)',
      'eligible principal = the pool principal the engine passes in (every loan in the pool is eligible).',
      WRITE_OFF_ASSUMED, NET_LOSS,
    ],
  },
  guangzhou: {
    label: 'Guangzhou', labelZh: '广州',
    rule: 'at most 50% of the bank\'s principal loss; at most 50 M CNY a year from the budget, paid after default (no idle fund)',
    sources: [SRC_000],
    shares: { fund: 0.5, bank: 0.5 }, lender: 'bank',
    caps: { fund: { annual: 50_000_000 } },
    timing: AT_WRITE_OFF,
    assumptions: [
      '"at most 50%" taken as exactly 50%.',
      'the 50 M CNY budget is per deal year (months 0-11 = year 0), counted in the year the fund pays; the whole budget is available to this pool (give annualCap on the payer for this pool\'s part).',
      WRITE_OFF_ASSUMED, NET_LOSS,
    ],
  },
  yongjia: {
    label: 'Yongjia collective trademark', labelZh: '永嘉 集体商标',
    rule: 'the county pays 20% of the principal loss (rate ≤ LPR + 180 bp)',
    sources: [SRC_001],
    shares: { county: 0.2, bank: 0.8 }, lender: 'bank',
    timing: AT_WRITE_OFF,
    assumptions: [WRITE_OFF_ASSUMED, NET_LOSS],
  },
  wenling: {
    label: 'Wenling', labelZh: '温岭',
    rule: '2% interest subsidy, 5% risk compensation',
    sources: [SRC_001],
    shares: { fund: 0.05, bank: 0.95 }, lender: 'bank',
    timing: AT_WRITE_OFF,
    assumptions: [
      '"5% risk compensation" read as 5% of each loan\'s net loss; the 2% interest subsidy goes to the firm, not the trust, and is not modelled here.',
      WRITE_OFF_ASSUMED,
    ],
  },
};

export function riskCompensationPreset(name: string): RiskCompensationPreset | undefined {
  return Object.hasOwn(RISK_COMPENSATION_PRESETS, name)
    ? RISK_COMPENSATION_PRESETS[name as RiskCompensationPresetName]
    : undefined;
}

const schema = strictObject({
  ...enhancementBase,
  kind: z.literal('risk-compensation-fund'),
  /** A rule from the brief's table, or "custom" (then give shares or tiers, lender and timing). */
  preset: oneOf(PRESET_NAMES),
  /** custom only: each party's share of a net loss, the lender's included; they add to 1. */
  shares: recordOf(fraction(), 'shares').optional(),
  /** custom only: the key of `shares` that is the lender, whose share stays with the trust. */
  lender: identifier().optional(),
  /** custom only, instead of shares: one payer covers by bands of cumulative loss. */
  tiers: listOf(tierSchema, 1, 20).optional(),
  /** Loans above this original principal are not covered (tightens a preset's limit). */
  maxLoanSize: money().optional(),
  /** The parties that pay into the trust, keyed by their role in the rule ("fund", "insurer", ...). */
  payers: recordOf(payerSchema, 'payers'),
  /** Overrides the preset's timing; required for custom. */
  timing: timingSchema.optional(),
});
export type RiskCompensationFund = z.output<typeof schema>;

/** A fund entry reduced to its rule: the preset filled in, the deal's caps applied. */
export interface ResolvedRiskCompensation {
  preset: RiskCompensationPresetName | 'custom';
  /** Shares of a net loss by role (lender included), or null when tiered. */
  shares: Record<string, number> | null;
  lender: string;
  tiers: Tier[] | null;
  payers: Array<{ role: string; payer: Payer; share: number; caps: Caps }>;
  maxLoanSize: number;
  timing: Timing;
}

/** The roles that pay into the trust under a preset (everyone but the lender). */
export function payingRoles(p: RiskCompensationPreset): string[] {
  return p.tiers ? [p.tiers.payer] : Object.keys(p.shares ?? {}).filter((r) => r !== p.lender);
}

export function resolveRiskCompensation(e: RiskCompensationFund): ResolvedRiskCompensation {
  const preset = e.preset === 'custom' ? undefined : riskCompensationPreset(e.preset);
  const shares = preset ? preset.shares : e.shares ?? null;
  const lender = preset ? preset.lender : e.lender ?? 'bank';
  const tiers = preset ? preset.tiers?.bands ?? null : e.tiers ?? null;
  const roles = preset ? payingRoles(preset) : tiers ? Object.keys(e.payers) : Object.keys(shares ?? {}).filter((r) => r !== lender);
  const timing = e.timing ?? preset?.timing;
  if (!timing) throw new Error(`risk-compensation-fund "${e.id}": timing is required for a custom fund`);
  const payers = roles.map((role) => {
    const payer = e.payers[role];
    if (!payer) throw new Error(`risk-compensation-fund "${e.id}": payers.${role} is missing`);
    const caps = tighterCaps(tighterCaps(NO_CAPS, preset?.caps?.[role] ?? {}), payerCaps(payer));
    return { role, payer, share: tiers ? (tiers[0]?.cover ?? 0) : (shares?.[role] ?? 0), caps };
  });
  const maxLoanSize = Math.min(preset?.maxLoanSize ?? Infinity, e.maxLoanSize === undefined ? Infinity : Number(e.maxLoanSize));
  return { preset: e.preset, shares, lender, tiers, payers, maxLoanSize, timing };
}

export function lossRuleOf(r: ResolvedRiskCompensation): LossRule {
  return {
    payers: r.payers.map((p) => ({ partyId: p.payer.id, share: p.share, caps: p.caps })),
    tiers: r.tiers,
    maxLoanSize: r.maxLoanSize,
    timing: r.timing,
  };
}

/** One line for reports: "Zhongshan: fund 0.54 : bank 0.26 (trust) : ..., at write-off". */
export function describeRiskCompensation(e: RiskCompensationFund): string {
  const r = resolveRiskCompensation(e);
  const name = r.preset === 'custom' ? 'custom' : riskCompensationPreset(r.preset)!.label;
  const split = r.tiers
    ? `${r.payers[0]?.role ?? 'fund'} covers ${r.tiers.map((t) => `${fmtShare(t.cover * 100)}% up to ${fmtShare(t.upToLossRatio * 100)}% loss`).join(', ')}`
    : Object.entries(r.shares ?? {}).map(([k, v]) => `${k} ${fmtShare(v)}${k === r.lender ? ' (trust)' : ''}`).join(' : ');
  return `${name}: ${split}; ${describeTiming(r.timing)}`;
}

function check(e: RiskCompensationFund): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const payerKeys = Object.keys(e.payers);
  let roles: string[];
  if (e.preset !== 'custom') {
    const preset = riskCompensationPreset(e.preset)!;
    const setBy = `is set by preset "${e.preset}" (${preset.shares ? Object.entries(preset.shares).map(([k, v]) => `${k} ${fmtShare(v)}`).join(' : ') : 'tiered'}); use preset "custom" to give your own`;
    if (e.shares) out.push(['shares', setBy]);
    if (e.lender) out.push(['lender', setBy]);
    if (e.tiers) out.push(['tiers', setBy]);
    roles = payingRoles(preset);
    for (const k of payerKeys) {
      if (!roles.includes(k)) {
        out.push([`payers.${k}`, k === preset.lender
          ? `the ${k}'s share stays with the trust (the lender) under preset "${e.preset}", so it is not a payer (payers: ${roles.join(', ')})`
          : `preset "${e.preset}" has no paying party "${k}" (payers: ${roles.join(', ')})`]);
      }
    }
    for (const r of roles) if (!e.payers[r]) out.push([`payers.${r}`, `is required by preset "${e.preset}" (payers: ${roles.join(', ')}): give its id, name and annualDefaultProbability`]);
  } else {
    if (!e.timing) out.push(['timing', 'is required for a custom fund (after-default, at-write-off or deposit-then-write-off)']);
    if (!e.lender) out.push(['lender', 'is required for a custom fund: the party whose share stays with the trust, e.g. "bank"']);
    if (e.tiers) {
      if (e.shares) out.push(['shares', 'give either shares or tiers, not both']);
      out.push(...checkTiers(e.tiers, 'tiers'));
      if (payerKeys.length !== 1) out.push(['payers', `a tiered fund has exactly one payer, got ${payerKeys.length} (${payerKeys.join(', ') || 'none'})`]);
      if (e.lender && e.payers[e.lender]) out.push([`payers.${e.lender}`, `is the lender ("lender": "${e.lender}"), whose part stays with the trust; it cannot also pay`]);
      roles = payerKeys;
    } else if (!e.shares) {
      out.push(['shares', 'is required for a custom fund (each party\'s share of a net loss, the lender\'s included, adding to 1), or give tiers']);
      roles = payerKeys;
    } else {
      out.push(...sharesAddToOne(e.shares, 'shares'));
      const lenderOk = e.lender !== undefined && e.lender in e.shares;
      if (e.lender && !lenderOk) out.push(['lender', `must be one of the keys of shares (${Object.keys(e.shares).join(', ')}), got "${e.lender}"`]);
      roles = Object.keys(e.shares).filter((k) => k !== e.lender);
      // Which parties must pay depends on which one is the lender: ask only once that is settled.
      if (lenderOk) for (const r of roles) if (!e.payers[r]) out.push([`payers.${r}`, `is required: shares.${r} is ${fmtShare(e.shares[r]!)}, so "${r}" pays into the trust (give its id, name and annualDefaultProbability)`]);
      for (const k of payerKeys) {
        if (k === e.lender) out.push([`payers.${k}`, `is the lender ("lender": "${k}"), whose share stays with the trust; it cannot also pay`]);
        else if (!(k in e.shares)) out.push([`payers.${k}`, `has no share (shares: ${Object.keys(e.shares).join(', ')})`]);
      }
    }
  }
  out.push(...uniquePayerIds(Object.entries(e.payers), (k) => `payers.${k}`));
  return out;
}

function parties(e: RiskCompensationFund): EnhancementParty[] {
  return resolveRiskCompensation(e).payers.map((p) => ({
    id: p.payer.id,
    name: p.payer.name,
    share: p.share,
    capacity: Number.isFinite(p.caps.aggregate) ? String(p.payer.capacity ?? p.caps.aggregate) : null,
    annualDefaultProbability: p.payer.annualDefaultProbability,
  }));
}

export const riskCompensationFund: EnhancementKind<typeof schema> = {
  kind: 'risk-compensation-fund',
  label: 'Risk-compensation fund',
  labelZh: '风险补偿基金',
  schema,
  parties,
  check,
  lossSharing: {
    createState: (e, poolPrincipal): LossRuleState => createLossRuleState(lossRuleOf(resolveRiskCompensation(e)), poolPrincipal),
    coverLoss: (_e, state, event) => coverLossByRule(state as LossRuleState, event),
  },
};
