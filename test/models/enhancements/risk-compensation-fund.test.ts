// 风险补偿基金 presets from the brief's table, each with a hand-worked loss allocation.
// Convention in every case: the trust holds the loan, so the bank's (lender's) share is what the
// trust keeps; the other parties pay INTO the trust.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  PRESET_NAMES, RISK_COMPENSATION_PRESETS, describeRiskCompensation, riskCompensationFund, type RiskCompensationFund,
} from '../../../models/enhancements/risk-compensation-fund.js';
import { loss, payer, run, validEnhancements } from './helpers.js';

const M = 1_000_000;
const fund = (preset: string, payers: Record<string, unknown> = { fund: payer('fund') }, extra: Record<string, unknown> = {}) =>
  validEnhancements({ id: 'rc', kind: 'risk-compensation-fund', preset, payers, ...extra });

describe('risk-compensation fund (风险补偿基金)', () => {
  it('offers every preset of the brief\'s table, each with its source file and rule', () => {
    expect(PRESET_NAMES).to.have.members([
      'shanghai-pre-compensation', 'shanghai-deposit', 'jiangsu-suzhidai', 'hangzhou-patent-pledge', 'zhongshan',
      'zhuhai', 'shenzhen', 'dongguan', 'guangzhou', 'yongjia', 'wenling', 'custom',
    ]);
    for (const [name, p] of Object.entries(RISK_COMPENSATION_PRESETS)) {
      expect(p.sources.length, name).to.be.greaterThan(0);
      for (const s of p.sources) expect(s, name).to.match(/^00[014]_[0-9a-f]{16}\.txt$/);
      if (p.shares) expect(Object.values(p.shares).reduce((a, b) => a + b, 0), name).to.be.closeTo(1, 1e-12);
    }
  });

  it('documents every preset in docs/enhancements.md, with its source files', () => {
    const doc = readFileSync(new URL('../../../docs/enhancements.md', import.meta.url), 'utf8');
    for (const [name, p] of Object.entries(RISK_COMPENSATION_PRESETS)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row, `a table row for ${name}`).to.be.a('string');
      expect(row, name).to.include(`— ${p.sources.map((s) => s.slice(0, 3)).join(', ')} |`);
    }
    for (const s of ['000_c92da1c673fd193c.txt', '001_518dc6269f45520b.txt', '004_ec86f67bd0a57869.txt']) expect(doc).to.include(s);
  });

  describe('Shanghai pre-compensation (前补偿): 55% of net loss 90 days after the loan goes bad', () => {
    it('pays 550,000 of a 1,000,000 loss in month 7 for a default in month 4, before the write-off in month 16', () => {
      // fund 55% × 1,000,000 = 550,000, paid at 4 + 3 (90 days); the bank's 45% = 450,000 stays with the trust.
      const r = run(fund('shanghai-pre-compensation'), [loss(0, 5 * M, 1 * M, 4, 16)]);
      expect(r.paid['fund']).to.be.closeTo(550_000, 1e-6);
      expect(r.months['fund']).to.deep.equal([7]);
      expect(r.a.retained).to.be.closeTo(450_000, 1e-6);
    });
  });

  describe('Shanghai guarantee-fund deposit (保证金): ~80% deposited 2 months after NPL, paid at write-off', () => {
    it('pays 800,000 of a 1,000,000 loss at the write-off month (16), not at the deposit month (6)', () => {
      const r = run(fund('shanghai-deposit'), [loss(0, 5 * M, 1 * M, 4, 16)]);
      expect(r.paid['fund']).to.be.closeTo(800_000, 1e-6);
      expect(r.months['fund']).to.deep.equal([16]);
      expect(r.a.retained).to.be.closeTo(200_000, 1e-6);
    });
    it('still pays if the fund fails after the deposit (month 6 < 10), not if it fails before (month 5)', () => {
      const e = fund('shanghai-deposit');
      const after = run(e, [loss(0, 5 * M, 1 * M, 4, 16)], { partyDefaultMonth: [10] });
      expect(after.paid['fund']).to.be.closeTo(800_000, 1e-6);
      const before = run(e, [loss(0, 5 * M, 1 * M, 4, 16)], { partyDefaultMonth: [5] });
      expect(before.paid['fund']).to.equal(0);
      expect(before.a.unpaidByParty[0]).to.be.closeTo(800_000, 1e-6);
      expect(before.a.retained).to.be.closeTo(1 * M, 1e-6);
    });
    it('pays no earlier than the deposit when the write-off comes first (default 4, write-off 5 → month 6)', () => {
      const r = run(fund('shanghai-deposit'), [loss(0, 5 * M, 1 * M, 4, 5)]);
      expect(r.months['fund']).to.deep.equal([6]);
    });
  });

  describe('timing: 90-day pre-compensation vs at write-off', () => {
    it('moves the cash but not the undiscounted total', () => {
      // Three losses: 1.0 M (default 2, write-off 14), 0.4 M (default 5, write-off 11), 2.0 M (default 9, write-off 30).
      const events = [loss(0, 5 * M, 1 * M, 2, 14), loss(1, 5 * M, 0.4 * M, 5, 11), loss(2, 5 * M, 2 * M, 9, 30)];
      const early = run(fund('shanghai-pre-compensation'), events);
      const late = run(fund('shanghai-pre-compensation', { fund: payer('fund') }, { timing: { type: 'at-write-off' } }), events);
      // 55% × 3.4 M = 1,870,000 either way.
      expect(early.paid['fund']).to.be.closeTo(1_870_000, 1e-6);
      expect(late.paid['fund']).to.be.closeTo(early.paid['fund']!, 1e-6);
      expect(early.months['fund']).to.deep.equal([5, 8, 12]);
      expect(late.months['fund']).to.deep.equal([14, 11, 30]);
    });
  });

  describe('Jiangsu 苏知贷: 80% on loans of at most 10 M CNY', () => {
    it('covers a 3 M loss on an 8 M loan (2.4 M) and a 1 M loss on a loan of exactly 10 M (0.8 M)', () => {
      const r = run(fund('jiangsu-suzhidai'), [loss(0, 8 * M, 3 * M, 3, 12), loss(1, 10 * M, 1 * M, 4, 12)]);
      expect(r.paid['fund']).to.be.closeTo(3_200_000, 1e-6);
    });
    it('covers nothing of a loan above 10 M CNY: the whole loss, not the part above 10 M, stays with the trust', () => {
      const r = run(fund('jiangsu-suzhidai'), [loss(0, 12 * M, 5 * M, 3, 12)]);
      expect(r.paid['fund']).to.equal(0);
      expect(r.a.retained).to.be.closeTo(5 * M, 1e-6);
    });
    it('lets the deal tighten the limit but not widen it', () => {
      const tighter = fund('jiangsu-suzhidai', { fund: payer('fund') }, { maxLoanSize: 5_000_000 });
      expect(run(tighter, [loss(0, 8 * M, 3 * M, 3, 12)]).paid['fund']).to.equal(0);
      const wider = fund('jiangsu-suzhidai', { fund: payer('fund') }, { maxLoanSize: 20_000_000 });
      expect(run(wider, [loss(0, 12 * M, 5 * M, 3, 12)]).paid['fund']).to.equal(0);
    });
  });

  describe('Hangzhou patent-pledge fund: guarantor : IP bureau : bank = 4 : 4 : 2', () => {
    it('splits a 1,000,000 loss 400,000 / 400,000, the bank\'s 200,000 kept by the trust', () => {
      const e = fund('hangzhou-patent-pledge', { guarantor: payer('hz-guarantor', { annualDefaultProbability: 0.01 }), 'ip-bureau': payer('hz-ip-bureau') });
      const r = run(e, [loss(0, 5 * M, 1 * M, 2, 10)]);
      expect(r.paid['hz-guarantor']).to.be.closeTo(400_000, 1e-6);
      expect(r.paid['hz-ip-bureau']).to.be.closeTo(400_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(200_000, 1e-6);
      expect(r.months['hz-guarantor']).to.deep.equal([10]);
    });
    it('loses the guarantor\'s 40% when the guarantor has failed, the bureau still pays', () => {
      const e = fund('hangzhou-patent-pledge', { guarantor: payer('hz-guarantor'), 'ip-bureau': payer('hz-ip-bureau') });
      const r = run(e, [loss(0, 5 * M, 1 * M, 2, 10)], { partyDefaultMonth: [8, Infinity] });
      expect(r.paid['hz-guarantor']).to.equal(0);
      expect(r.paid['hz-ip-bureau']).to.be.closeTo(400_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(600_000, 1e-6);
    });
  });

  describe('Zhongshan: fund : bank : insurer : appraiser = 54 : 26 : 16 : 4', () => {
    it('splits a 1,000,000 net loss: fund 540,000, insurer 160,000, appraiser 40,000 paid in; bank 260,000 = the trust', () => {
      const e = fund('zhongshan', { fund: payer('zs-fund'), insurer: payer('zs-insurer'), appraiser: payer('zs-appraiser') });
      const r = run(e, [loss(0, 5 * M, 1 * M, 3, 9)]);
      expect(r.paid['zs-fund']).to.be.closeTo(540_000, 1e-6);
      expect(r.paid['zs-insurer']).to.be.closeTo(160_000, 1e-6);
      expect(r.paid['zs-appraiser']).to.be.closeTo(40_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(260_000, 1e-6);
    });
  });

  describe('Zhuhai: bank 60%, fund 40%', () => {
    it('pays 400,000 of a 1,000,000 loss, 600,000 stays with the trust', () => {
      const r = run(fund('zhuhai'), [loss(0, 5 * M, 1 * M, 3, 9)]);
      expect(r.paid['fund']).to.be.closeTo(400_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(600_000, 1e-6);
    });
  });

  describe('Shenzhen: fund : bank = 1 : 1, at most 2 M CNY per loan', () => {
    it('pays half of a 3 M loss (1.5 M) but only 2 M of a 5 M loss (half would be 2.5 M)', () => {
      const r = run(fund('shenzhen'), [loss(0, 6 * M, 3 * M, 3, 9), loss(1, 8 * M, 5 * M, 4, 12)]);
      expect(r.a.payments.map((p) => p.amount)).to.deep.equal([1_500_000, 2_000_000]);
      // trust: 1.5 M + 3 M
      expect(r.a.retained).to.be.closeTo(4_500_000, 1e-6);
    });
    it('applies a tighter per-loan cap given on the payer (1 M), never a looser one', () => {
      const tighter = fund('shenzhen', { fund: payer('fund', { perLoanCap: 1_000_000 }) });
      expect(run(tighter, [loss(0, 8 * M, 5 * M, 4, 12)]).paid['fund']).to.be.closeTo(1 * M, 1e-6);
      const looser = fund('shenzhen', { fund: payer('fund', { perLoanCap: 9_000_000 }) });
      expect(run(looser, [loss(0, 8 * M, 5 * M, 4, 12)]).paid['fund']).to.be.closeTo(2 * M, 1e-6);
    });
  });

  describe('Dongguan: tiers 80 / 60 / 50 / 30% of cumulative loss bands of 1% each, nothing beyond 4% of eligible principal', () => {
    // Eligible principal 100 M: bands 0-1 M at 80%, 1-2 M at 60%, 2-3 M at 50%, 3-4 M at 30%, above 4 M nothing.
    it('pays 800,000 for a first 1,000,000 loss', () => {
      const r = run(fund('dongguan'), [loss(0, 5 * M, 1 * M, 3, 9)]);
      expect(r.paid['fund']).to.be.closeTo(800_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(200_000, 1e-6);
    });
    it('walks a sequence of losses down the tiers until the 4% cap binds', () => {
      const r = run(fund('dongguan'), [
        loss(0, 5 * M, 1.5 * M, 1, 6), // 0 → 1.5 M: 1 M × 80% + 0.5 M × 60%             = 1,100,000
        loss(1, 5 * M, 2 * M, 2, 8), //   1.5 → 3.5 M: 0.5 M × 60% + 1 M × 50% + 0.5 M × 30% = 950,000
        loss(2, 5 * M, 1 * M, 3, 9), //   3.5 → 4.5 M: 0.5 M × 30%, the other 0.5 M above 4%  = 150,000
        loss(3, 5 * M, 1 * M, 4, 10), //  4.5 → 5.5 M: all above the 4% cap                  = 0
      ]);
      expect(r.a.payments.map((p) => Math.round(p.amount))).to.deep.equal([1_100_000, 950_000, 150_000]);
      // The most the fund can pay: (80 + 60 + 50 + 30)% of 1 M = 2.2 M = 2.2% of eligible principal.
      expect(r.paid['fund']).to.be.closeTo(2_200_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(5.5 * M - 2.2 * M, 1e-6);
    });
    it('scales the bands with the eligible principal (a 50 M pool: first band 0.5 M)', () => {
      // 0 → 1 M on a 50 M pool: 0.5 M × 80% + 0.5 M × 60% = 700,000
      const r = run(fund('dongguan'), [loss(0, 5 * M, 1 * M, 3, 9)], { poolPrincipal: 50 * M });
      expect(r.paid['fund']).to.be.closeTo(700_000, 1e-6);
    });
  });

  describe('Guangzhou: 50% of the bank\'s principal loss, at most 50 M CNY a year from the budget', () => {
    it('pays 30 M, then only the 20 M left of year 0\'s budget, then 20 M again in year 1', () => {
      const r = run(fund('guangzhou'), [
        loss(0, 80 * M, 60 * M, 1, 5), //  year 0 (write-off month 5): 50% × 60 M = 30 M
        loss(1, 80 * M, 50 * M, 2, 8), //  year 0: 50% × 50 M = 25 M, only 50 − 30 = 20 M left
        loss(2, 80 * M, 40 * M, 3, 14), // year 1: 50% × 40 M = 20 M, a fresh budget
      ], { poolPrincipal: 500 * M });
      expect(r.a.payments.map((p) => p.amount)).to.deep.equal([30 * M, 20 * M, 20 * M]);
      expect(r.a.retained).to.be.closeTo(150 * M - 70 * M, 1e-6);
    });
  });

  describe('Yongjia collective trademark: the county pays 20%', () => {
    it('pays 200,000 of a 1,000,000 loss', () => {
      const r = run(fund('yongjia', { county: payer('yongjia-county') }), [loss(0, 2 * M, 1 * M, 3, 9)]);
      expect(r.paid['yongjia-county']).to.be.closeTo(200_000, 1e-6);
      expect(r.a.retained).to.be.closeTo(800_000, 1e-6);
    });
  });

  describe('Wenling: 5% risk compensation', () => {
    it('pays 50,000 of a 1,000,000 loss', () => {
      const r = run(fund('wenling'), [loss(0, 2 * M, 1 * M, 3, 9)]);
      expect(r.paid['fund']).to.be.closeTo(50_000, 1e-6);
    });
  });

  describe('custom', () => {
    it('takes shares, a per-loan cap, an aggregate cap as a share of the pool, and timing', () => {
      // fund 70%, per loan ≤ 600,000, in all ≤ 1% of a 100 M pool = 1 M, paid 1 month after default.
      const e = fund('custom', { fund: payer('fund', { perLoanCap: 600_000, capacityShareOfPool: 0.01 }) },
        { shares: { fund: 0.7, bank: 0.3 }, lender: 'bank', timing: { type: 'after-default', months: 1 } });
      const r = run(e, [
        loss(0, 5 * M, 0.5 * M, 2, 9), // 70% = 350,000
        loss(1, 5 * M, 1 * M, 3, 9), //   70% = 700,000, per-loan cap 600,000
        loss(2, 5 * M, 1 * M, 4, 9), //   600,000, but only 1 M − 950,000 = 50,000 left
        loss(3, 5 * M, 1 * M, 5, 9), //   nothing left
      ]);
      expect(r.a.payments.map((p) => Math.round(p.amount))).to.deep.equal([350_000, 600_000, 50_000]);
      expect(r.months['fund']).to.deep.equal([3, 4, 5]);
    });
    it('reads Dongguan\'s 4% the other way: tiers with the fund\'s payments capped at 4% of the pool', () => {
      // Bands of 2% each: 80%, 60%, 50%, 30%; payments ≤ 4 M on 100 M. A 6 M loss: 2 M × 80% + 2 M × 60% + 2 M × 50% = 3.8 M;
      // the next 2 M: 30% = 0.6 M, capped at 4 M − 3.8 M = 0.2 M.
      const e = fund('custom', { fund: payer('fund', { capacityShareOfPool: 0.04 }) }, {
        lender: 'bank', timing: { type: 'at-write-off' },
        tiers: [{ upToLossRatio: 0.02, cover: 0.8 }, { upToLossRatio: 0.04, cover: 0.6 }, { upToLossRatio: 0.06, cover: 0.5 }, { upToLossRatio: 0.08, cover: 0.3 }],
      });
      const r = run(e, [loss(0, 9 * M, 6 * M, 1, 6), loss(1, 9 * M, 2 * M, 2, 7)]);
      expect(r.a.payments.map((p) => Math.round(p.amount))).to.deep.equal([3_800_000, 200_000]);
    });
  });

  describe('parties and description', () => {
    it('lists only the parties that pay into the trust, with their share of a loss and their default probability', () => {
      const [e] = fund('zhongshan', { fund: payer('zs-fund'), insurer: payer('zs-insurer', { annualDefaultProbability: 0.003, capacity: 5_000_000 }), appraiser: payer('zs-appraiser') });
      const ps = riskCompensationFund.parties(e as RiskCompensationFund);
      expect(ps.map((p) => [p.id, p.share, p.capacity, p.annualDefaultProbability])).to.deep.equal([
        ['zs-fund', 0.54, null, 0], ['zs-insurer', 0.16, '5000000', 0.003], ['zs-appraiser', 0.04, null, 0],
      ]);
    });
    it('describes itself in one line, naming the trust\'s share', () => {
      const [e] = fund('zhuhai');
      expect(describeRiskCompensation(e as RiskCompensationFund)).to.equal('Zhuhai: fund 0.4 : bank 0.6 (trust); at write-off');
    });
  });
});
