// Bad enhancement input, checked through the whole-deal validator: each problem names the field,
// what is wrong and what is allowed. The new entry sits at enhancements[2], after the minimal
// deal's shortfall undertaking (0) and a valid Zhongshan fund (1).
import { expect } from 'chai';
import { payer, problemsWith, validEnhancements } from './helpers.js';

const zhongshan = { id: 'zs', kind: 'risk-compensation-fund', preset: 'zhongshan', payers: { fund: payer('zs-fund'), insurer: payer('zs-insurer'), appraiser: payer('zs-appraiser') } };
const custom = (x: Record<string, unknown>) => ({
  id: 'c', kind: 'risk-compensation-fund', preset: 'custom', lender: 'bank', timing: { type: 'at-write-off' },
  shares: { fund: 0.5, bank: 0.5 }, payers: { fund: payer('c-fund') }, ...x,
});

describe('enhancement validation', () => {
  it('accepts every preset with its payers, and a custom fund', () => {
    const payersFor: Record<string, Record<string, unknown>> = {
      'hangzhou-patent-pledge': { guarantor: payer('g'), 'ip-bureau': payer('b') },
      zhongshan: zhongshan.payers,
      yongjia: { county: payer('county') },
    };
    const names = ['shanghai-pre-compensation', 'shanghai-deposit', 'jiangsu-suzhidai', 'hangzhou-patent-pledge', 'zhongshan', 'zhuhai', 'shenzhen', 'dongguan', 'guangzhou', 'yongjia', 'wenling'];
    const entries = names.map((preset, i) => ({ id: `rc${i}`, kind: 'risk-compensation-fund', preset, payers: payersFor[preset] ?? { fund: payer(`fund${i}`) } }));
    expect(validEnhancements(...entries, custom({}))).to.have.length(12);
  });

  it('refuses a share above 100%', () => {
    expect(problemsWith(zhongshan, custom({ shares: { fund: 1.4, bank: 0.2 } })))
      .to.deep.equal(['enhancements[2].shares.fund: must be between 0 and 1, got 1.4']);
  });

  it('refuses shares that do not add to 100%, showing the sum and its parts', () => {
    expect(problemsWith(zhongshan, custom({ shares: { fund: 0.5, bank: 0.4 } })))
      .to.deep.equal(['enhancements[2].shares: must add to 1 (100%), got 0.9 (fund 0.5 + bank 0.4)']);
    expect(problemsWith(zhongshan, { id: 'gi', kind: 'guarantee-insurance', shares: { insurer: 0.6, guarantor: 0.3, bank: 0.2 }, insurer: payer('i'), guarantor: payer('g') }))
      .to.deep.equal(['enhancements[2].shares: must add to 1 (100%), got 1.1 (insurer 0.6 + guarantor 0.3 + bank 0.2)']);
  });

  it('refuses negative caps and caps finer than the fen', () => {
    expect(problemsWith(zhongshan, custom({ payers: { fund: payer('c-fund', { perLoanCap: -5, capacity: -10, annualCap: '1.234' }) } }))).to.deep.equal([
      'enhancements[2].payers.fund.capacity: must not be negative, got -10',
      'enhancements[2].payers.fund.perLoanCap: must not be negative, got -5',
      'enhancements[2].payers.fund.annualCap: must be exact to the fen (at most 2 decimals), got "1.234"',
    ]);
  });

  it('refuses an unknown preset, listing the known ones', () => {
    const [p] = problemsWith(zhongshan, { ...zhongshan, id: 'bj', preset: 'beijing' });
    expect(p).to.match(/^enhancements\[2\]\.preset: must be one of "shanghai-pre-compensation", .*"wenling", "custom", got "beijing"$/);
  });

  it('refuses shares given with a preset, which fixes them', () => {
    expect(problemsWith(zhongshan, { ...zhongshan, id: 'zs2', shares: { fund: 0.6, bank: 0.4 } })).to.deep.equal([
      'enhancements[2].shares: is set by preset "zhongshan" (fund 0.54 : bank 0.26 : insurer 0.16 : appraiser 0.04); use preset "custom" to give your own',
    ]);
  });

  it('asks for each paying party of a preset, refuses the lender as a payer, and refuses duplicate party ids', () => {
    expect(problemsWith({ ...zhongshan, payers: { fund: payer('zs-fund'), bank: payer('b'), insurer: payer('zs-fund') } })).to.deep.equal([
      'enhancements[1].payers.bank: the bank\'s share stays with the trust (the lender) under preset "zhongshan", so it is not a payer (payers: fund, insurer, appraiser)',
      'enhancements[1].payers.appraiser: is required by preset "zhongshan" (payers: fund, insurer, appraiser): give its id, name and annualDefaultProbability',
      'enhancements[1].payers.insurer.id: duplicate id "zs-fund" (already used by payers.fund; party ids must be unique)',
    ]);
  });

  it('asks a custom fund for shares (or tiers), a lender among the shares, timing and a payer per share', () => {
    expect(problemsWith({ id: 'c', kind: 'risk-compensation-fund', preset: 'custom', payers: { fund: payer('f') } })).to.deep.equal([
      'enhancements[1].timing: is required for a custom fund (after-default, at-write-off or deposit-then-write-off)',
      'enhancements[1].lender: is required for a custom fund: the party whose share stays with the trust, e.g. "bank"',
      'enhancements[1].shares: is required for a custom fund (each party\'s share of a net loss, the lender\'s included, adding to 1), or give tiers',
    ]);
    expect(problemsWith(custom({ shares: { fund: 0.4, insurer: 0.2, bank: 0.4 }, lender: 'banc', payers: { fund: payer('f'), other: payer('o') } }))).to.deep.equal([
      'enhancements[1].lender: must be one of the keys of shares (fund, insurer, bank), got "banc"',
      'enhancements[1].payers.other: has no share (shares: fund, insurer, bank)',
    ]);
    expect(problemsWith(custom({ shares: { fund: 0.4, insurer: 0.2, bank: 0.4 }, payers: { fund: payer('f'), bank: payer('b') } }))).to.deep.equal([
      'enhancements[1].payers.insurer: is required: shares.insurer is 0.2, so "insurer" pays into the trust (give its id, name and annualDefaultProbability)',
      'enhancements[1].payers.bank: is the lender ("lender": "bank"), whose share stays with the trust; it cannot also pay',
    ]);
  });

  it('checks tiers: bands in increasing order, one payer', () => {
    const tiers = [{ upToLossRatio: 0.02, cover: 0.8 }, { upToLossRatio: 0.02, cover: 0.5 }];
    expect(problemsWith(custom({ shares: undefined, tiers, payers: { fund: payer('f'), x: payer('x') } }))).to.deep.equal([
      'enhancements[1].tiers[1].upToLossRatio: must be above the previous band\'s upper end (0.02); bands go up in order, got 0.02',
      'enhancements[1].payers: a tiered fund has exactly one payer, got 2 (fund, x)',
    ]);
  });

  it('names bad keys and bad timing', () => {
    expect(problemsWith(custom({ shares: { Fund: 0.5, bank: 0.5 } }))[0]).to.match(/^enhancements\[1\]\.shares\.Fund: must be an identifier .*got "Fund"/);
    expect(problemsWith(custom({ shares: [0.5] }))).to.deep.equal(['enhancements[1].shares: must be an object of shares keyed by party, got a list']);
    expect(problemsWith(custom({ timing: { type: 'soon' } }))).to.deep.equal([
      'enhancements[1].timing.type: type must be one of "after-default", "at-write-off", "deposit-then-write-off", got "soon"',
    ]);
  });

  it('asks guarantee insurance for its guarantor when the guarantor has a share', () => {
    expect(problemsWith({ id: 'gi', kind: 'guarantee-insurance', shares: { insurer: 0.5, guarantor: 0.3, bank: 0.2 }, insurer: payer('i') })).to.deep.equal([
      'enhancements[1].guarantor: is required: shares.guarantor is 0.3 (give its id, name and annualDefaultProbability, or set shares.guarantor to 0)',
    ]);
  });

  it('checks internal enhancements\' figures and refuses a fee on them', () => {
    expect(problemsWith({ id: 'oc', kind: 'over-collateralization', ratio: 0.9, basis: 'cash' })).to.deep.equal([
      'enhancements[1].ratio: must be between 1 and 10, got 0.9',
      'enhancements[1].basis: must be one of "cash-flows", "principal", got "cash"',
    ]);
    expect(problemsWith({ id: 'sub', kind: 'subordination', protects: 'senior', fee: { annualRate: 0.01 } })).to.deep.equal([
      'enhancements[1]: unknown field "fee" (allowed: id, name, nameZh, kind, protects)',
    ]);
  });
});
