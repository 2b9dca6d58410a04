// A minimal valid deal around any pool assets: the minimal deal's structure (one senior bullet
// note behind a shortfall undertaking), its obligors replaced by firms holding the given assets,
// and the note sized to the pool's funding. For asset-kind tests.
import type { DealInput } from '../../models/deal-format/schema.js';
import { minimalDeal } from './minimal-deal.js';

export function dealWithAssets(assets: unknown[], opts: { balance: string; issueDate?: string; maturityDate?: string; frequency?: 'monthly' | 'quarterly' } ): DealInput {
  const d = minimalDeal();
  const template = d.pool.obligors[0]!;
  d.pool.obligors = assets.map((asset, i) => ({ ...template, id: `firm-${i + 1}`, name: `Firm ${i + 1}`, asset: asset as typeof template.asset }));
  d.liabilities.tranches[0]!.balance = opts.balance;
  if (opts.issueDate) d.meta.issueDate = opts.issueDate;
  if (opts.maturityDate) d.meta.maturityDate = opts.maturityDate;
  if (opts.frequency) d.meta.paymentFrequency = opts.frequency;
  return d;
}
