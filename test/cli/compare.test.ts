import { expect } from 'chai';
import { ipabs } from '../support/cli.js';
import { scenarioFiles, SCENARIO_DIR } from '../support/scenarios.js';


interface CompareJson {
  deals: Array<{
    deal: { id: string };
    tranches: Array<{ id: string; currency: string; coupon: number | null; allInCostRate: number }>;
    allInCostRate: number;
    subsidyAdjustedCostRate: number;
    baselineCostRate: number;
    savingVsBaseline: number;
    monteCarlo: { paths: number; comminglingLoss: { mean: number } } | null;
  }>;
  differences: Array<{ a: string; b: string }>;
}

describe('ipabs compare', () => {
  it('--json: per deal the id, tranches {id, currency, coupon, allInCostRate}, all-in cost before and after subsidy, baseline and saving', async () => {
    const r = await ipabs('compare', ...scenarioFiles(), '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as CompareJson;
    expect(j.deals.map((d) => d.deal.id)).to.deep.equal([
      'futian-n-plus-1-2023', 'longhua-hti-ip1-2021', 'nanshan-hti-ip5-2022', 'ningbo-bank-rail-2024', 'ningbo-ecny-2024',
      'revolving-microloan-illustration', 'wenke-lease-2019', 'xingye-guangzhou-licence-2019', 'xinxin-factoring-2023-1', 'yuhang-abn-2023-2', 'yuhang-abn-2023',
    ]);
    for (const d of j.deals) {
      expect(d.tranches.length).to.be.above(0);
      for (const t of d.tranches) expect(t).to.have.keys(['id', 'name', 'class', 'currency', 'balance', 'coupon', 'benchmark', 'spreadOverBenchmark', 'feesAllocated', 'allInCostRate', 'investorYield', 'offshore']);
      for (const k of ['allInCostRate', 'subsidyAdjustedCostRate', 'baselineCostRate', 'savingVsBaseline'] as const) expect(d[k]).to.be.a('number');
      expect(d.monteCarlo).to.equal(null);
    }
    expect(j.deals[0]!.tranches.map((t) => `${t.id}:${t.currency}`)).to.deep.equal(['senior:CNY', 'mezzanine:CNY', 'subordinated:CNY', 'plus-one:CNH']);
    expect(j.differences).to.deep.equal([{ ...j.differences[0], a: 'ningbo-ecny-2024', b: 'ningbo-bank-rail-2024' }]);
  });

  it('prints tranche costs, the firms, the baseline and saving, and the rail difference explained', async () => {
    const r = await ipabs('compare', `${SCENARIO_DIR}ningbo-ecny-2024.json`, `${SCENARIO_DIR}ningbo-bank-rail-2024.json`);
    expect(r.code, r.err).to.equal(0);
    for (const s of ['tranche', 'investor yield', 'Firms\' all-in cost:', 'Baseline:', 'Saving against the baseline:',
      'Rail: bank-transfer, collections held 30 days', 'ningbo-bank-rail-2024 vs ningbo-ecny-2024 (same deal, different rail)',
      'expected commingling loss (servicer default)', 'cash drag (collections held by the servicer)']) {
      expect(r.out, s).to.include(s);
    }
  });

  it('--lang zh prints the deal\'s Chinese name, the tables, the baseline, the rail and the notes in Chinese', async () => {
    const r = await ipabs('compare', `${SCENARIO_DIR}ningbo-ecny-2024.json`, `${SCENARIO_DIR}ningbo-bank-rail-2024.json`, '--lang', 'zh');
    expect(r.code, r.err).to.equal(0);
    for (const s of ['宁波市以数字人民币发行的知识产权证券化产品（2024）（ningbo-ecny-2024）— 银行间资产支持票据，CNY，2024-12-18 → 2025-12-18',
      '档次', '投资者收益率', '发行人成本（信托各档证券合计，含费用）：2.71%',
      '企业综合融资成本：贴息前 2.82%，贴息后 1.80%（贴息 1,215,378.57）；成本最低的企业 nb-06 为 1.80%',
      '对照：知识产权质押银行贷款：各企业起息日的1Y LPR（3.10%）+ 80 个基点，每 3 个月付息，评估费 0.50%，担保费每年 1.00%，享受同样贴息：贴息前 5.62%，贴息后 4.57%',
      '较银行贷款节省：贴息后 60.7%（贴息前 49.9%）',
      '结算通道：数字人民币（实名钱包，智能合约自动归集），回收款留存 0 天',
      '结算通道：银行转账，回收款留存 30 天，分配 1 天：资金沉淀 164,381.00，手续费 855.00（57 笔支付），预期混同损失 115,689.88',
      'ningbo-bank-rail-2024 对比 ningbo-ecny-2024（同一交易，结算通道不同）：企业综合融资成本 +22.9 bp',
      '预期混同损失（资产服务机构违约）', '说明：结算通道的净成本']) {
      expect(r.out, s).to.include(s);
    }
    // No English sentence left: only ids, currencies, "LPR", "bp" and the pricing rule's name are Latin.
    expect(r.out).not.to.match(/\b(the|of|and|before|after|subsidy|Note|Rail|Baseline)\b/);
  });

  it('--paths adds the Monte Carlo commingling and chain losses', async () => {
    const r = await ipabs('compare', `${SCENARIO_DIR}futian-n-plus-1-2023.json`, '--paths', '2000', '--seed', '5', '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as CompareJson;
    expect(j.deals[0]!.monteCarlo!.paths).to.equal(2000);
  });

  it('refuses no files, a bad --paths and an invalid deal', async () => {
    expect((await ipabs('compare')).err).to.include('compare needs at least one deal file');
    const bad = await ipabs('compare', `${SCENARIO_DIR}yuhang-abn-2023.json`, '--paths', 'many');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include('--paths: must be a whole number between 0 and 5000000, got "many"');
    const missing = await ipabs('compare', `${SCENARIO_DIR}nope.json`);
    expect(missing.code).to.equal(1);
    expect(missing.err).to.include('no such file');
  });
});
