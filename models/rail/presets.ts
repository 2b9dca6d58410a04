// Default rails. Each value is either cited or marked ASSUMPTION: change it in the deal file.
import { railSchema, type Rail } from '../deal/rail-schema.js';

/**
 * The big banks' listed demand-deposit rate (活期存款挂牌利率): 0.05%, the rate of all six large state
 * banks when they announced interest on e-CNY real-name wallets from 2026-01-01 (announcements of
 * 2025-12-31). We use it rather than the PBOC benchmark demand rate
 * (0.35%, unchanged since 2015-10-24) because banks pay their listed rate, not the benchmark.
 */
export const BIG_BANK_DEMAND_RATE = 0.0005;
/** PBOC benchmark demand-deposit rate (基准利率), for reference only. */
export const PBOC_BENCHMARK_DEMAND_RATE = 0.0035;

/**
 * Bank transfer: the servicer sweeps collections to the trust account monthly (ASSUMPTION: a
 * common 回收款转付 frequency in exchange ABS; many deals move to weekly or daily after a trigger),
 * distributions reach investors the next day through the depository (ASSUMPTION), no fees
 * (ASSUMPTION: corporate transfer fees are small and often waived), demand rate as above.
 */
export const BANK_TRANSFER_RAIL: Rail = railSchema.parse({
  kind: 'bank-transfer',
  collectionLagDays: 30,
  distributionLagDays: 1,
  fees: { perPayment: 0, bp: 0 },
  demandRate: BIG_BANK_DEMAND_RATE,
});

/**
 * Programmed e-CNY (Ningbo 2024 style): collections swept to the trust's wallet the day they arrive
 * and distributions settle in real time (e-CNY settles instantly: 实时到账), no fees (e-CNY payments
 * carry no fee for users: 零手续费), a corporate real-name wallet (单位钱包) earning the demand rate
 * from 2026-01-01.
 */
export const ECNY_PROGRAMMED_RAIL: Rail = railSchema.parse({
  kind: 'e-cny',
  collectionLagDays: 0,
  distributionLagDays: 0,
  fees: { perPayment: 0, bp: 0 },
  demandRate: BIG_BANK_DEMAND_RATE,
  wallet: 'real-name',
  programmable: true,
});
