// Validation and request problems in Chinese: each English message is read back into its kind and
// values ({ key, params }) and rendered from the catalogue; a message no rule knows stays English.
import { expect } from 'chai';
import fc from 'fast-check';
import { errorLineIn, formatProblemIn, problemMessageIn, structureProblem } from '../../../models/i18n/index.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { mutationArb, applyMutation } from '../../support/deal-mutations.js';
import { loadRaw } from '../../support/scenarios.js';

describe('problems in the reader\'s language (校验消息)', () => {
  it('reads a message into its kind and values', () => {
    expect(structureProblem('must be between 0 and 1, got 27')).to.deep.equal({ key: 'problem.between', params: { lo: '0', hi: '1', got: '27' } });
    expect(structureProblem('unknown field "surprise" (allowed: id, name)')).to.deep.equal({ key: 'problem.unknownField', params: { field: '"surprise"', allowed: 'id, name' } });
    expect(structureProblem('something new the validator says')).to.equal(null);
  });

  it('renders the commonest problems in Chinese with their values, and leaves English as written', () => {
    const zh = (m: string) => problemMessageIn('zh', m).text;
    expect(zh('must be between 0 and 1, got 27')).to.equal('必须在 0 与 1 之间，实为 27');
    expect(zh('must be a fraction between 0 and 1, got string "100.001"')).to.equal('必须是 0 至 1 之间的小数（比例），实为 文本 "100.001"');
    expect(zh('is required (string)')).to.equal('为必填项（文本）');
    expect(zh('must be one of "CNY", "CNH", "HKD", "USD", got nothing')).to.equal('必须是 "CNY", "CNH", "HKD", "USD" 之一，实为 空');
    expect(zh("tranche balances add up to 150000000.00 but the pool's funding (sum of purchase prices) is 133000000.00; they must be equal"))
      .to.equal('各档金额合计 150000000.00，而资产池的购买价款合计为 133000000.00；两者必须相等');
    expect(problemMessageIn('zh', 'something new the validator says')).to.deep.equal({ text: 'something new the validator says', translated: false });
    expect(problemMessageIn('en', 'must be between 0 and 1, got 27').text).to.equal('must be between 0 and 1, got 27');
    expect(formatProblemIn('zh', { path: '', message: 'must not be empty' })).to.equal('（整个交易）: 不得为空');
  });

  it('translates the server\'s summary lines part by part', () => {
    expect(errorLineIn('zh', 'deal is not valid: liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27; meta: unknown field "x" (allowed: id) (and 2 more)'))
      .to.equal('交易无效：liabilities.tranches[0].coupon.rate: 必须在 0 与 1 之间，实为 27；meta: 未知字段 "x"（允许的字段：id）（另有 2 个问题）');
    expect(errorLineIn('zh', 'id: a deal "x" already exists (choose another id, or edit it)')).to.equal('id: 交易 "x" 已存在（请换一个编号，或编辑该交易）');
  });

  it('says the command line\'s usage errors in Chinese, with their values', () => {
    const zh = (line: string) => errorLineIn('zh', line);
    expect(zh('simulate needs a deal file')).to.equal('simulate 需要一个交易文件');
    expect(zh('compare needs at least one deal file')).to.equal('compare 至少需要一个交易文件');
    expect(zh('--tranche: give the id of the tranche (tranches: senior, mezzanine)')).to.equal('--tranche: 请给出档次编号（档次：senior, mezzanine）');
    expect(zh('--enhancement: give the id of the enhancement to size (enhancements: undertaking, guarantee; reserve accounts: none)'))
      .to.equal('--enhancement: 请给出要测算的增信措施编号（增信措施：undertaking, guarantee；储备账户：none）');
    expect(zh('option --paths needs a value')).to.equal('选项 --paths 需要一个值');
    expect(zh('(deal): no such file: nope.json')).to.equal('（整个交易）: 文件不存在：nope.json');
    expect(errorLineIn('en', 'simulate needs a deal file')).to.equal('simulate needs a deal file');
  });

  it('knows at least nine in ten of the problems the fuzzer\'s deals provoke', function () {
    // 800 validations, about 4 s of CPU since validation checks prices against what is owed; the
    // machine is shared, so the wall-clock limit is generous.
    this.timeout(120_000);
    const files = ['yuhang-abn-2023.json', 'futian-n-plus-1-2023.json', 'ningbo-ecny-2024.json', 'ningbo-bank-rail-2024.json'];
    let all = 0;
    let known = 0;
    for (const [fi, ms] of fc.sample(fc.tuple(fc.nat({ max: 3 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 })), { numRuns: 800, seed: 14 })) {
      const deal = loadRaw(files[fi]!);
      for (const m of ms) applyMutation(deal as never, m);
      const r = validateDeal(deal);
      if (r.ok) continue;
      for (const p of r.problems) { all++; if (structureProblem(p.message)) known++; }
    }
    expect(all).to.be.greaterThan(300);
    expect(known / all, `${known} of ${all}`).to.be.greaterThan(0.9);
  });
});
