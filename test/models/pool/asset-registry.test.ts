import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Decimal } from 'decimal.js';
import { assetKind, assetKinds, assetKindOf } from '../../../models/pool/asset-registry.js';
import { ASSET_MODELS } from '../../../models/pool/asset-kind.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { minimalDeal } from '../../support/minimal-deal.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('asset-kind registry (models/pool/asset-registry.ts)', () => {
  it('lists each kind once, each with its own schema tag, labels in both languages and a known asset model', () => {
    const tags = assetKinds.map((k) => k.kind);
    expect(new Set(tags).size).to.equal(tags.length);
    for (const k of assetKinds) {
      expect(k.schema.shape.kind.value, k.kind).to.equal(k.kind);
      expect(k.label, k.kind).to.match(/[a-z]/);
      expect(k.labelZh, k.kind).to.match(/[\u4e00-\u9fff]/);
      expect(ASSET_MODELS, k.kind).to.include(k.model);
    }
  });

  it('an unknown kind names the kinds there are', () => {
    expect(() => assetKind('mortgage')).to.throw(/unknown asset kind "mortgage" \(allowed: licence-royalty, loan/);
  });

  it('no module outside models/pool tests an asset kind by name', () => {
    const tags = assetKinds.map((k) => k.kind).join('|');
    const byName = new RegExp(`(asset\\.kind|\\.kind)\\s*[!=]==\\s*'(${tags})'|has\\('(${tags})'\\)`);
    const offenders = ['models', 'server', 'cli'].flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((f) => !relative(ROOT, f).startsWith('models/pool/'))
      .filter((f) => byName.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).to.deep.equal([]);
  });

  it('a licence-royalty asset: bought at its price at issue, never prepaid, its seller bears the issue costs', () => {
    const v = validateDeal(minimalDeal());
    if (!v.ok) throw new Error('fixture invalid');
    const a = v.deal.pool.obligors[0]!.asset;
    const k = assetKindOf(a);
    expect(k.purchasePrice(a).toFixed(2)).to.equal('10000000.00');
    expect(k.fundingDate(a, v.deal)).to.equal('2023-03-15');
    expect(k.prepayable(a)).to.equal(false);
    expect(k.sellerBearsUpfrontFees).to.equal(true);
    expect(k.exposureAtDefault(a, new Decimal('2500000.01')).toFixed(2)).to.equal('2500000.01');
    // Four fees of 2.6 M repay the 10 M price pro rata: 2.5 M each, the rest is income.
    const f = k.flows(a);
    expect(f.map((x) => x.principal.toFixed(2))).to.deep.equal(['2500000.00', '2500000.00', '2500000.00', '2500000.00']);
    expect(f[0]!.interest.toFixed(2)).to.equal('100000.00');
    const firm = k.firmFlows(a, v.deal, new Decimal('1234.56'));
    expect(firm.proceeds.map((x) => [x.kind, String(x.amount)])).to.deep.equal([['proceeds', '10000000'], ['upfront-fee', '-1234.56']]);
    expect(firm.termMonths).to.equal(12);
  });

  it('a loan: bought at par unless priced, funded on its start date, prepayable, its borrower bears no issue costs', () => {
    const a = { kind: 'loan' as const, principal: 1_000_000, startDate: '2023-01-10', termMonths: 12, paymentFrequency: 'quarterly' as const, rate: { type: 'fixed' as const, annualRate: 0.06 }, amortization: 'equal-principal' as const };
    const k = assetKindOf(a);
    expect(k.purchasePrice(a).toNumber()).to.equal(1_000_000);
    expect(k.purchasePrice({ ...a, purchasePrice: 990_000 }).toNumber()).to.equal(990_000);
    expect(k.fundingDate(a, { meta: { issueDate: '2023-03-01', maturityDate: '2024-03-01' } })).to.equal('2023-01-10');
    expect(k.prepayable(a)).to.equal(true);
    expect(k.sellerBearsUpfrontFees).to.equal(false);
    const firm = k.firmFlows(a, { meta: { issueDate: '2023-03-01', maturityDate: '2024-03-01' } }, new Decimal(0));
    // 1.5% a quarter on 1,000,000, 750,000, 500,000, 250,000: 15,000 + 11,250 + 7,500 + 3,750.
    const interest = firm.payments.filter((x) => x.kind === 'interest').reduce((s, x) => s + Number(x.amount), 0);
    expect(interest).to.equal(-37_500);
    expect(firm.endDate).to.equal('2024-01-10');
    expect(k.check({ ...a, startDate: '2023-04-01' }, { meta: { issueDate: '2023-03-01', maturityDate: '2024-06-01' } })).to.deep.equal([
      ['startDate', 'must be on or before meta.issueDate (2023-03-01); the trust buys existing loans, got 2023-04-01'],
    ]);
  });
});
