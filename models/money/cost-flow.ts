// A firm's dated cash flow by kind: what its all-in cost of funding (综合融资成本, cost/all-in.ts) is
// the rate of. Written by the asset kinds (pool/), the offshore legs (crossborder/) and cost/, so
// it stands on the ground floor with the rate itself (xirr.ts).
import type { DatedAmount } from './xirr.js';

export const COST_FLOW_KINDS = [
  'proceeds', 'principal', 'interest', 'upfront-fee', 'running-fee', 'guarantee-fee', 'counter-guarantee-fee',
  'tax', 'hedge', 'fx-spread', 'subsidy', 'other',
] as const;
export type CostFlowKind = (typeof COST_FLOW_KINDS)[number];

export interface CostFlow extends DatedAmount {
  /** Signed from the firm's side: + received, − paid. */
  amount: DatedAmount['amount'];
  kind: CostFlowKind;
  label?: string;
}
