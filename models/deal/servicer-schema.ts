// The servicer (资产服务机构): collects the firms' payments and passes them to the trust. On a rail
// that lets it hold collections (a bank transfer swept every `collectionLagDays`), its default
// takes the collections it holds into its estate: commingling loss (混同风险). It is a name in the
// same copula as the firms and the enhancement parties.
import { z } from 'zod';
import { fraction, identifier, strictObject, text } from './schema-helpers.js';

export const servicerSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  /** Its own annual default probability (constant hazard), as for the firms. */
  annualDefaultProbability: fraction(),
  /** Sector for the sector copula (e.g. "servicer"); "counterparty" if left out. */
  sector: text(100).optional(),
  /**
   * Share of the commingled collections the trust gets back from the servicer's estate
   * (0 if left out: an unsecured claim in a bankruptcy, paid late and little).
   */
  comminglingRecovery: fraction().optional(),
});

export type Servicer = z.output<typeof servicerSchema>;
