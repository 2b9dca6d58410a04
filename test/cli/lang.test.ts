// The command line speaks the reader's language: --lang zh|en on any command, else the shell's
// LANG (zh_CN.UTF-8 → Chinese), else English; --json carries no words and is the same in both.
import { expect } from 'chai';
import { ipabs } from '../support/cli.js';
import { takeLang } from '../../cli/lang.js';
import { SCENARIO_DIR } from '../support/scenarios.js';

const yuhang = `${SCENARIO_DIR}yuhang-abn-2023.json`;

describe('ipabs --lang (命令行语言)', () => {
  it('takes --lang from anywhere in the arguments, else LANG, else English', () => {
    expect(takeLang(['schedule', 'x.json', '--lang', 'zh'], {})).to.deep.equal({ lang: 'zh', rest: ['schedule', 'x.json'] });
    expect(takeLang(['--lang=en', 'schedule'], { LANG: 'zh_CN.UTF-8' })).to.deep.equal({ lang: 'en', rest: ['schedule'] });
    expect(takeLang(['schedule'], { LANG: 'zh_CN.UTF-8' }).lang).to.equal('zh');
    expect(takeLang(['schedule'], { LANG: 'C.UTF-8' }).lang).to.equal('en');
    expect(() => takeLang(['schedule', '--lang', 'fr'], {})).to.throw('--lang: must be zh or en, got "fr"');
  });

  it('refuses a language it does not have, naming what is allowed', async () => {
    const r = await ipabs('schedule', yuhang, '--lang', 'fr');
    expect(r.code).to.equal(1);
    expect(r.err).to.equal('ipabs: --lang: must be zh or en, got "fr"');
  });

  it('prints the schedule with Chinese headers and the same numbers', async () => {
    const zh = await ipabs('schedule', yuhang, '--lang', 'zh');
    const en = await ipabs('schedule', yuhang, '--lang', 'en');
    expect(zh.code).to.equal(0);
    expect(zh.out).to.match(/^期次\s+日期\s+回收款\s+费用\s+senior 利息/m);
    expect(zh.out).to.contain('每期现金流精确到分对平：是');
    expect(zh.out).to.contain('905,128.77');
    expect(en.out).to.contain('Cash reconciled to the fen in every period: yes');
    const csv = await ipabs('schedule', yuhang, '--csv', '--lang', 'zh');
    expect(csv.out.split('\n')[0]).to.match(/^期次,日期,回收款,费用,senior 利息,senior 本金,senior 余额/);
  });

  it('explains a simulation in Chinese, with the rule-of-three bound for a tranche that never lost', async () => {
    const r = await ipabs('simulate', yuhang, '--paths', '1000', '--lang', 'zh');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('1,000 条路径，随机种子 1，1 个线程，压力情景 base');
    expect(r.out).to.match(/资产池预期损失 [\d.]+% ± [\d.]+%（± 一个标准误）/);
    expect(r.out).to.match(/^档次\s+金额\s+预期损失 ± 标准误/m);
    expect(r.out).to.match(/所有路径均无损失的档次：senior 预期损失 ≤ 30 bp，评级不低于 \w+/);
    const json = await ipabs('simulate', yuhang, '--paths', '1000', '--json', '--lang', 'zh');
    const jsonEn = await ipabs('simulate', yuhang, '--paths', '1000', '--json');
    expect(json.out).to.equal(jsonEn.out);
  });

  it('names validation problems, calendar days and the usage in Chinese', async () => {
    const cal = await ipabs('calendar', '2024-09-29', '--lang', 'zh');
    expect(cal.out).to.contain('2024-09-29（周日）在 CN-IB：营业 — 调休上班');
    // Holiday names in Chinese alone (the English output keeps the bilingual names).
    expect(cal.out).to.contain('2024-09-29（周日）在 CN-IB：营业 — 调休上班，调休上班日（国庆节）');
    const year = await ipabs('calendar', '2024', '--lang', 'zh');
    expect(year.out).to.match(/^2024-02-04\s+周日\s+营业\s+调休上班\s+调休上班日（春节）$/m);
    expect(year.out).not.to.match(/Spring Festival|make-up working day/);
    const yearEn = await ipabs('calendar', '2024', '--lang', 'en');
    expect(yearEn.out).to.match(/2024-02-04\s+Sun\s+open\s+makeup-workday\s+调休上班日 make-up working day \(春节 Spring Festival\)$/m);
    const help = await ipabs('--lang', 'zh', 'help');
    expect(help.out).to.contain('ipabs — 知识产权证券化与跨境结构模拟器');
    expect(help.out).to.contain('基准情景兑付计划（无违约）');
    const unknown = await ipabs('frobnicate', '--lang', 'zh');
    expect(unknown.err).to.contain('未知命令 "frobnicate"');
  });

  it('describes every command in Chinese in the usage (a new command without cli.help.<name> in zh fails)', async () => {
    const help = await ipabs('--lang', 'zh', 'help');
    const lines = help.out.split('\n').filter((l) => l.startsWith('  ipabs '));
    expect(lines.length).to.be.greaterThan(14);
    for (const l of lines) expect(l.split(/\s{3,}/)[1] ?? '', l).to.match(/[\u4e00-\u9fff]/);
  });

  it('calls a deal by its Chinese name (meta.nameZh) and an enhancement by the market\'s term in Chinese output', async () => {
    const sim = await ipabs('simulate', yuhang, '--paths', '500', '--lang', 'zh');
    expect(sim.out.split('\n')[0]).to.equal('余杭区知识产权独占许可资产支持票据（2023年度第一期） (yuhang-abn-2023)');
    expect(sim.out).to.match(/^undertaking\s+差额支付承诺\s/m);
    const sched = await ipabs('schedule', yuhang, '--lang', 'zh');
    expect(sched.out.split('\n')[0]).to.match(/^余杭区知识产权独占许可资产支持票据（2023年度第一期）（yuhang-abn-2023）/);
    const rate = await ipabs('rate', `${SCENARIO_DIR}futian-n-plus-1-2023.json`, '--paths', '0', '--lang', 'zh');
    expect(rate.out.split('\n')[0]).to.match(/^福田区深港跨境"N\+1"知识产权证券化（2023）（futian-n-plus-1-2023）/);
    const price = await ipabs('price', `${SCENARIO_DIR}futian-n-plus-1-2023.json`, '--lang', 'zh');
    expect(price.out.split('\n')[0]).to.match(/^福田区深港跨境"N\+1"知识产权证券化（2023）（futian-n-plus-1-2023）/);
    const futian = await ipabs('simulate', `${SCENARIO_DIR}futian-n-plus-1-2023.json`, '--paths', '2000', '--lang', 'zh');
    expect(futian.out).to.match(/^subordinated\s+7,500,000\.00\s.*\sCaa 及以下$/m);
    const en = await ipabs('simulate', yuhang, '--paths', '500', '--lang', 'en');
    expect(en.out.split('\n')[0]).to.equal('Yuhang exclusive-licence IP ABN, first issue (2023) (yuhang-abn-2023)');
    expect(en.out).to.match(/^undertaking\s+shortfall-undertaking\s/m);
  });
});
