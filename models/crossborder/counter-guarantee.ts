// The protection chain of a "+k" offshore leg (Futian "N+1": 知识产权在岸质押 + 跨境反担保 +
// 资本项下外债): the firm borrows from Hong Kong investors; a Hong Kong guarantor (e.g. ICBC (Asia))
// guarantees the investors; an onshore bank (e.g. ICBC Shenzhen) gives that guarantor a
// cross-border counter-guarantee (跨境反担保) and holds the firm's assigned onshore IP income right
// (知识产权"在岸"收益权受让) or an IP pledge.
//
//   firm defaults → HK guarantor pays the investors → claims on the onshore counter-guarantee
//   → the onshore bank recovers from the IP income right or pledge.
//
// Each link pays in full unless its party has defaulted, in which case it pays only the recovery
// rate on the claim against it (its estate). A guarantor claims on the next link only what it has
// actually paid. So the offshore investors lose only if the firm AND the Hong Kong guarantor fail;
// a failed onshore bank hurts the Hong Kong guarantor, and the IP recovery falls short onto the
// onshore bank. The offshore investors have no direct claim on the onshore IP (it is assigned to
// the onshore bank); any claim they keep on the firm's other assets is outside this model.
import { Decimal } from 'decimal.js';
import { checkFraction, checkMoney, fen, type MoneyInput } from '../market/inputs.js';

export interface ChainEvent {
  /** What the firm owes the offshore investors when it defaults (principal + accrued interest). */
  exposure: MoneyInput;
  firmDefaulted: boolean;
  hkGuarantorDefaulted: boolean;
  onshoreBankDefaulted: boolean;
  /** Cash the onshore bank realises from the assigned IP income right or pledge. */
  ipRecovery: MoneyInput;
  /** Share of a claim a defaulted guarantor's estate pays (0 by default). */
  recoveryOnDefaultedGuarantor?: number;
}

export interface ChainOutcome {
  /** Paid to the offshore investors by the Hong Kong guarantor. */
  paidByHkGuarantor: Decimal;
  /** Paid to the Hong Kong guarantor under the counter-guarantee. */
  paidByOnshoreBank: Decimal;
  /** Used by the onshore bank out of the IP recovery (no more than it paid). */
  recoveredFromIp: Decimal;
  investorsLoss: Decimal;
  hkGuarantorLoss: Decimal;
  onshoreBankLoss: Decimal;
  /** The chain failed the investors: firm and Hong Kong guarantor both defaulted. */
  chainBroken: boolean;
  /** The path in words, for reports and students. */
  steps: string[];
}

const ZERO = new Decimal(0);

/** Who loses what when some of the parties of the chain have defaulted. */
export function counterGuaranteeChain(e: ChainEvent): ChainOutcome {
  const exposure = fen(checkMoney(e.exposure, 'exposure'));
  const ip = fen(checkMoney(e.ipRecovery, 'ipRecovery'));
  const rec = e.recoveryOnDefaultedGuarantor === undefined ? 0 : checkFraction(e.recoveryOnDefaultedGuarantor, 'recoveryOnDefaultedGuarantor');
  for (const k of ['firmDefaulted', 'hkGuarantorDefaulted', 'onshoreBankDefaulted'] as const) {
    if (typeof e[k] !== 'boolean') throw new Error(`${k}: must be true or false, got ${JSON.stringify(e[k])}`);
  }
  if (!e.firmDefaulted || exposure.isZero()) {
    return {
      paidByHkGuarantor: ZERO, paidByOnshoreBank: ZERO, recoveredFromIp: ZERO,
      investorsLoss: ZERO, hkGuarantorLoss: ZERO, onshoreBankLoss: ZERO, chainBroken: false,
      steps: [e.firmDefaulted ? 'the firm defaulted owing nothing' : 'the firm pays the investors; the chain is not called'],
    };
  }
  const steps = [`the firm defaults owing the offshore investors ${exposure.toFixed(2)}`];
  const paidByHk = e.hkGuarantorDefaulted ? fen(exposure.times(rec)) : exposure;
  steps.push(e.hkGuarantorDefaulted
    ? `the Hong Kong guarantor has defaulted; its estate pays ${paidByHk.toFixed(2)} (${rec * 100}% of the claim)`
    : `the Hong Kong guarantor pays the investors ${paidByHk.toFixed(2)}`);
  const paidByBank = e.onshoreBankDefaulted ? fen(paidByHk.times(rec)) : paidByHk;
  if (paidByHk.greaterThan(0)) {
    steps.push(e.onshoreBankDefaulted
      ? `the onshore bank has defaulted; on the counter-guarantee claim of ${paidByHk.toFixed(2)} its estate pays ${paidByBank.toFixed(2)}`
      : `the onshore bank pays the counter-guarantee claim of ${paidByBank.toFixed(2)}`);
  }
  const fromIp = Decimal.min(ip, paidByBank);
  if (paidByBank.greaterThan(0)) steps.push(`the onshore bank recovers ${fromIp.toFixed(2)} from the assigned IP income right / pledge`);
  const outcome: ChainOutcome = {
    paidByHkGuarantor: paidByHk,
    paidByOnshoreBank: paidByBank,
    recoveredFromIp: fromIp,
    investorsLoss: exposure.minus(paidByHk),
    hkGuarantorLoss: paidByHk.minus(paidByBank),
    onshoreBankLoss: paidByBank.minus(fromIp),
    chainBroken: e.hkGuarantorDefaulted,
    steps,
  };
  return outcome;
}

/** The running cost of the chain to the firm, as annual rates on the amount guaranteed. */
export interface ChainFees {
  /** Onshore bank's counter-guarantee fee (反担保费 / 保函费), annual. */
  counterGuaranteeFee: number;
  /** Hong Kong guarantor's fee (担保费 / standby letter of credit fee), annual. */
  hkGuaranteeFee: number;
  /** Arrangement fee (安排费), paid once up front as a share of the amount raised. */
  arrangementFeeUpfront: number;
  /** Term in years, to spread the up-front fee. */
  termYears: number;
}

export interface ChainFeeStack {
  counterGuaranteeFee: number;
  hkGuaranteeFee: number;
  /** Up-front fee spread straight-line over the term. */
  arrangementFeeAnnualised: number;
  total: number;
}

/** The fee stack as annual rates (the up-front arrangement fee spread evenly over the term). */
export function chainFeeStack(f: ChainFees): ChainFeeStack {
  const cg = checkFraction(f.counterGuaranteeFee, 'counterGuaranteeFee');
  const hk = checkFraction(f.hkGuaranteeFee, 'hkGuaranteeFee');
  const arr = checkFraction(f.arrangementFeeUpfront, 'arrangementFeeUpfront');
  if (typeof f.termYears !== 'number' || !(f.termYears > 0) || f.termYears > 50) {
    throw new Error(`termYears: must be a number of years above 0 and at most 50, got ${JSON.stringify(f.termYears)}`);
  }
  const arrAnnual = arr / f.termYears;
  return { counterGuaranteeFee: cg, hkGuaranteeFee: hk, arrangementFeeAnnualised: arrAnnual, total: cg + hk + arrAnnual };
}
