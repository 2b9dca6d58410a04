// Deals for the sizing and allocation tests: the Yuhang scenario and variants of it, each
// validated like a deal file (so a variant the format rejects fails loudly here).
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { loadRaw } from '../../support/scenarios.js';

type Json = Record<string, unknown>;
const raw = () => loadRaw('yuhang-abn-2023.json') as Json & {
  enhancements: Json[]; accounts: Json[]; provenance: Array<{ path: string }>; waterfall: { normal: Json[] };
  pool: { obligors: Array<Json & { credit: Json & { recovery: Json } }> }; liabilities: { tranches: Json[] }; simulation: Json;
};
type Raw = ReturnType<typeof raw>;

function valid(doc: Raw): Deal {
  const r = validateDeal(doc);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.deal;
}

/** Provenance that does not point into the enhancements (which the variants replace). */
function withoutEnhancementProvenance(doc: Raw): void {
  doc.provenance = doc.provenance.filter((p) => !p.path.startsWith('/enhancements'));
}

export const yuhang = (): Deal => valid(raw());

const GUARANTORS = (pd: [number, number] = [0.004, 0.008]) => [
  { id: 'hangzhou-guarantee', name: 'Hangzhou municipal guarantor', share: 0.6, capacity: 79_800_000, annualDefaultProbability: pd[0] },
  { id: 'yuhang-guarantee', name: 'Yuhang district guarantor', share: 0.4, capacity: 53_200_000, annualDefaultProbability: pd[1] },
];

/** Yuhang with the municipal + district guarantee as the only enhancement (no undertaking in front of it). */
export function yuhangGuaranteeOnly(opts: { guarantorPd?: [number, number]; edit?: (d: Raw) => void } = {}): Deal {
  const d = raw();
  withoutEnhancementProvenance(d);
  d.enhancements = [{ id: 'guarantee', kind: 'guarantee', guarantors: GUARANTORS(opts.guarantorPd), fee: { annualRate: 0.005 } }];
  d.waterfall.normal[0] = { type: 'cover-shortfall', sources: ['guarantee'], covers: { fees: true, interest: ['senior'], principal: ['senior'] } };
  opts.edit?.(d);
  return valid(d);
}

/**
 * Yuhang's pool behind a senior and a junior bullet tranche (no counterparty enhancement): the
 * junior balance is the subordination. Balances in yuan, adding to the 133 M the pool was funded with.
 */
export function yuhangSeniorJunior(juniorBalance = 13_300_000): Deal {
  const d = raw();
  withoutEnhancementProvenance(d);
  d.enhancements = [{ id: 'subordination', kind: 'subordination', protects: 'senior' }];
  d.liabilities.tranches[0] = { ...d.liabilities.tranches[0]!, balance: 133_000_000 - juniorBalance };
  d.liabilities.tranches.push({
    id: 'junior', seniority: 2, class: 'subordinated', currency: 'CNY', balance: juniorBalance,
    coupon: { type: 'fixed', rate: 0.05 }, principal: { type: 'bullet' }, interestDeferrable: true,
  });
  d.waterfall.normal = [
    { type: 'pay-fees' },
    { type: 'pay-interest', tranches: ['senior'] },
    { type: 'pay-interest', tranches: ['junior'] },
    { type: 'pay-principal', tranches: ['senior', 'junior'] },
    { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior', 'junior'] },
  ];
  return valid(d);
}

/** Yuhang with a reserve account (funded by the originator) as the only support of the senior notes. */
export function yuhangReserveOnly(size = 0): Deal {
  const d = raw();
  withoutEnhancementProvenance(d);
  d.enhancements = [];
  d.accounts = [{ id: 'reserve', kind: 'reserve', initialBalance: size, target: { type: 'fixed', amount: size } }];
  d.waterfall.normal = [
    { type: 'cover-shortfall', sources: ['reserve'], covers: { fees: true, interest: ['senior'], principal: ['senior'] } },
    { type: 'pay-fees' },
    { type: 'pay-interest', tranches: ['senior'] },
    { type: 'pay-principal', tranches: ['senior'] },
    { type: 'fund-reserve', account: 'reserve' },
    { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior'] },
  ];
  return valid(d);
}

/**
 * Wrong-way risk: every firm in one sector, the sector copula with 50% correlation inside it. The
 * guarantors sit in the copula's counterparty sector, so `inter` is their correlation with the
 * firms: 0 = independent of them, 0.5 = as correlated with the firms as the firms are with each
 * other. The firms' joint defaults are the same either way (same factors, same loadings).
 */
export function yuhangGuarantorCorrelation(inter: number, guaranteeCap = 40_000_000): Deal {
  return yuhangGuaranteeOnly({
    guarantorPd: [0.05, 0.05],
    edit: (d) => {
      for (const o of d.pool.obligors) o.sector = 'licensed tech';
      d.simulation = { copula: 'sector', rho: 0.5, sectorCorrelation: { intra: 0.5, inter } };
      const g = d.enhancements[0] as { guarantors: Array<{ capacity: number }> };
      g.guarantors[0]!.capacity = guaranteeCap * 0.6;
      g.guarantors[1]!.capacity = guaranteeCap * 0.4;
    },
  });
}

/**
 * Yuhang's pool with a risk-compensation fund paying 55% of each net loss (Shanghai's share), either
 * 3 months after default (前补偿 pre-compensation) or at write-off (recovery lag: `lagMonths`), and
 * no other enhancement. The fund cannot default, so only the timing differs.
 */
export function yuhangWithFund(timing: 'after-90-days' | 'at-write-off', lagMonths = 9): Deal {
  const d = raw();
  withoutEnhancementProvenance(d);
  for (const o of d.pool.obligors) o.credit.recovery.lagMonths = lagMonths;
  d.enhancements = [{
    id: 'fund', kind: 'risk-compensation-fund', preset: 'custom', shares: { fund: 0.55, bank: 0.45 }, lender: 'bank',
    payers: { fund: { id: 'city-fund', name: 'city risk-compensation fund', annualDefaultProbability: 0 } },
    timing: timing === 'after-90-days' ? { type: 'after-default', months: 3 } : { type: 'at-write-off' },
  }];
  d.waterfall.normal = d.waterfall.normal.slice(1); // no cover-shortfall step: the fund pays on losses, not on shortfalls
  return valid(d);
}
