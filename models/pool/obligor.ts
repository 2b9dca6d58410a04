// One obligor of a pool (债务人/入池企业): the firm, the IP it pledges and its appraisal, its credit
// (default probability, recovery) and its asset, one of the kinds behind asset-registry.ts. The deal
// format (models/deal-format/schema.ts) lists them as pool.obligors; the pool tape (pool/tape/)
// writes and reads them, so they belong to the pool, below the deal format.
import type { z } from 'zod';
import {
  fraction, identifier, integerBetween, listOf, money, numberBetween, oneOf, strictObject, tagged, text,
} from '../deal/schema-helpers.js';
import { assetSchemas } from './asset-registry.js';

const ipSchema = strictObject({
  appraisedValue: money(),
  patents: strictObject({
    invention: integerBetween(0, 100_000),
    utilityModel: integerBetween(0, 100_000),
    design: integerBetween(0, 100_000).optional(),
  }).optional(),
  trademarks: integerBetween(0, 100_000).optional(),
  copyrights: integerBetween(0, 100_000).optional(),
  appraiser: text(200).optional(),
});

const creditSchema = strictObject({
  /** Annual default probability (constant hazard) used by the Monte Carlo engine. */
  annualDefaultProbability: fraction(),
  /** Optional cumulative default probabilities by horizon; overrides the constant hazard. */
  pdTermStructure: listOf(strictObject({ years: numberBetween(0.01, 50), cumulative: fraction() }), 1, 50).optional(),
  /**
   * Recovery on default: a beta-distributed fraction (mean, stdDev) of the pledged IP's appraised
   * value (basis "appraised-value", the default) or of the exposure at default ("exposure", i.e. a
   * loss given default of 1 − mean), capped at the exposure, received lagMonths after the default.
   */
  recovery: strictObject({
    mean: fraction(),
    stdDev: numberBetween(0, 0.5),
    lagMonths: integerBetween(0, 120),
    basis: oneOf(['appraised-value', 'exposure'] as const).optional(),
  }),
});

/** A firm's asset: one of the kinds in models/pool/asset-registry.ts (licence fees, loans, …). */
const assetSchema = tagged('kind', assetSchemas);

export const obligorSchema = strictObject({
  id: identifier(),
  name: text(200),
  sector: text(100),
  ip: ipSchema,
  asset: assetSchema,
  credit: creditSchema,
});

export type Obligor = z.output<typeof obligorSchema>;
