// The settlement rail a deal's cash moves on (结算方式): bank transfer or digital RMB (数字人民币,
// e-CNY). Data, so a deal can carry `rail: {...}`. Default values are in ./presets.ts.
import { z } from 'zod';
import { fraction, integerBetween, money, numberBetween, oneOf, strictObject, tagged, describeValue } from './schema-helpers.js';

export const RAIL_KINDS = ['bank-transfer', 'e-cny'] as const;
export const WALLET_KINDS = ['real-name', 'anonymous'] as const;

export const railFeesSchema = strictObject({
  /** Yuan charged per payment (transfer, disbursement, distribution). */
  perPayment: money(),
  /** Basis points of each payment's amount. */
  bp: numberBetween(0, 100, 'a number of basis points'),
});

const common = {
  /** Days collections sit with the servicer before they reach the trust (回收款转付). */
  collectionLagDays: integerBetween(0, 366),
  /** Days a distribution takes from the trust to the investors. */
  distributionLagDays: integerBetween(0, 30),
  fees: railFeesSchema,
  /**
   * Listed demand-deposit rate (活期存款挂牌利率) of the bank holding the cash, as a decimal. On an
   * e-CNY rail it applies only to real-name wallets and only from 2026-01-01.
   */
  demandRate: fraction(),
};

export const bankTransferRailSchema = strictObject({
  kind: z.literal('bank-transfer'),
  ...common,
});

export const eCnyRailSchema = strictObject({
  kind: z.literal('e-cny'),
  ...common,
  /** 实名钱包 (personal types I–III and corporate 单位钱包) or anonymous type-IV wallet (四类钱包). */
  wallet: oneOf(WALLET_KINDS),
  /** Smart-contract payments (可编程支付): collections released only to the trust and the agreed uses. */
  programmable: z.boolean({ error: (iss) => `must be true or false, got ${describeValue(iss.input)}` }),
});

/** A settlement rail; the lead adds `rail: railSchema.optional()` to the deal schema. */
export const railSchema = tagged('kind', [bankTransferRailSchema, eCnyRailSchema]);

export type Rail = z.output<typeof railSchema>;
export type BankTransferRail = z.output<typeof bankTransferRailSchema>;
export type ECnyRail = z.output<typeof eCnyRailSchema>;
