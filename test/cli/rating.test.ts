import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { loadRaw, SCENARIO_DIR } from '../support/scenarios.js';
import { withChanges } from '../support/json-edit.js';
import { DOMESTIC_GRADES } from '../../models/ratings/domestic-scale.js';

const futian = `${SCENARIO_DIR}futian-n-plus-1-2023.json`;
const yuhang = `${SCENARIO_DIR}yuhang-abn-2023.json`;
const quick = ['--paths', '20000', '--seed', '3'];

interface RateJson {
  tdr: Record<string, number>;
  tranches: Array<{ id: string; bdrByScenario: Record<string, number>; bdr: number; bindingScenario: string; domesticRating: string; standAloneRating: string; cushion: Record<string, number>; ratingBasis: string }>;
  scenarios: Array<{ name: string; reason: string; inert: string | null }>;
}

describe('ipabs rate and ipabs breakeven', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-rating-'));
  const write = (name: string, doc: unknown) => { const f = join(dir, name); writeFileSync(f, JSON.stringify(doc)); return f; };

  it('rate --json: TDR for every grade rising up the scale, each tranche\'s BDR per scenario, binding scenario, ratings and cushions', async () => {
    const r = await ipabs('rate', futian, ...quick, '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as RateJson;
    expect(Object.keys(j.tdr)).to.deep.equal([...DOMESTIC_GRADES]);
    DOMESTIC_GRADES.slice(1).forEach((g, i) => expect(j.tdr[g], g).to.be.at.most(j.tdr[DOMESTIC_GRADES[i]!]!));
    expect(j.scenarios.length).to.be.at.least(20);
    expect(j.tranches.map((t) => t.id)).to.deep.equal(['senior', 'mezzanine', 'subordinated']);
    for (const t of j.tranches) {
      expect(Object.keys(t.bdrByScenario)).to.deep.equal(j.scenarios.map((s) => s.name));
      expect(t.bdr).to.equal(Math.min(...Object.values(t.bdrByScenario)));
      expect(t.bdrByScenario[t.bindingScenario]).to.equal(t.bdr);
      for (const g of DOMESTIC_GRADES) expect(t.cushion[g]).to.be.closeTo(t.bdr - j.tdr[g]!, 1e-9);
    }
    const [senior, mezz, sub] = j.tranches;
    // Seniority: the senior survives more defaults than the mezzanine, the mezzanine more than the residual piece.
    expect(senior!.bdr).to.be.above(mezz!.bdr);
    expect(mezz!.bdr).to.be.above(sub!.bdr);
    // 15% of notes below the senior: its BDR is about that, moved by excess spread and recoveries.
    expect(senior!.bdr).to.be.within(0.14, 0.2);
    // HTI's shortfall undertaking covers the senior fully and HTI is AAA in the deal: credit substitution.
    expect(senior!.domesticRating).to.equal('AAA(sf)');
    expect(senior!.ratingBasis).to.equal('credit-substitution');
    expect(senior!.standAloneRating).to.not.equal('AAA(sf)');
    expect(sub!.domesticRating).to.equal(sub!.standAloneRating);
  });

  it('rate prints the TDR table, the BDR table and the ratings in English or Chinese', async () => {
    const en = await ipabs('rate', yuhang, ...quick, '--lang', 'en');
    expect(en.code, en.err).to.equal(0);
    for (const s of ['Target default rates (TDR)', 'Break-even default rates (BDR)', 'severe-combined', 'AAA(sf)', 'Credit substitution', "EL rating (Moody's-style)"]) expect(en.out).to.include(s);
    const zh = await ipabs('rate', yuhang, ...quick, '--lang', 'zh');
    for (const s of ['目标违约率', '临界违约率', '压力情景', '安全距离', '压力乘数', '信用替代']) expect(zh.out).to.include(s);
    // The deal's Chinese name, the grade table's source in Chinese, no English sentence left over.
    expect(zh.out).to.include('余杭区知识产权独占许可资产支持票据');
    expect(zh.out).to.include('等级表：假设：');
    expect(zh.out).to.include('undertaking（差额支付承诺）在资产池零回款时可独立足额兑付');
    expect(zh.out).to.not.match(/ASSUMPTION|arithmetic|certified/);
    // Columns line up in a terminal: each row of the ratings table is as wide (in columns) as its rule.
    const lines = zh.out.split('\n');
    const rule = lines.findIndex((l, i) => i > 0 && lines[i - 1]!.startsWith('证券档次') && /^-+( +-+)+$/.test(l));
    expect(rule, 'the ratings table').to.be.above(0);
    const ends = (l: string) => [...l].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    expect(ends(lines[rule - 1]!)).to.equal(lines[rule]!.length);
    expect(ends(lines[rule + 1]!)).to.equal(lines[rule]!.length);
  });

  it('rate --paths 0 rates on stress multipliers without a simulation, and refuses the Monte Carlo TDR without one', async () => {
    const r = await ipabs('rate', futian, '--paths', '0', '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as RateJson & { tdrMethod: string };
    expect(j.tdrMethod).to.equal('stress-multiplier');
    expect(j.tdr['AAA(sf)']! / j.tdr['BBB(sf)']!).to.be.closeTo(5 / 2.3, 1e-9);
    const bad = await ipabs('rate', futian, '--paths', '0', '--tdr', 'monte-carlo');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include('--tdr: "monte-carlo" needs a simulation of the pool');
  });

  it('breakeven --vary default-rate gives the same BDR as the rating table for that scenario', async () => {
    const rate = JSON.parse((await ipabs('rate', futian, '--paths', '0', '--json')).out) as RateJson;
    for (const scenario of ['base', 'back-loaded-20', 'recovery-zero']) {
      const r = await ipabs('breakeven', futian, '--tranche', 'mezzanine', '--vary', 'default-rate', '--scenario', scenario, '--json');
      expect(r.code, r.err).to.equal(0);
      const j = JSON.parse(r.out) as { value: number; status: string; bracket: [number, number] };
      expect(j.value).to.equal(rate.tranches[1]!.bdrByScenario[scenario]);
      expect(j.status).to.equal('found');
      expect(j.bracket[1] - j.bracket[0]).to.be.at.most(1e-4);
    }
  });

  it('breakeven --vary recovery and --vary coupon answer on the other side of the break-even default rate', async () => {
    const bdr = JSON.parse((await ipabs('breakeven', futian, '--tranche', 'senior', '--vary', 'default-rate', '--json')).out) as { value: number };
    // At a default rate just above the BDR (deal's recoveries) the senior needs more recovery than the deal's.
    const rec = JSON.parse((await ipabs('breakeven', futian, '--tranche', 'senior', '--vary', 'recovery', '--default-rate', String(bdr.value + 0.02), '--json')).out) as { value: number; status: string };
    expect(rec.status).to.equal('found');
    const coupon = JSON.parse((await ipabs('breakeven', futian, '--tranche', 'senior', '--vary', 'coupon', '--default-rate', String(bdr.value - 0.01), '--json')).out) as { value: number; currentCoupon: number; status: string };
    // Below its BDR the senior can pay more than its 2.75% coupon before it breaks.
    expect(coupon.currentCoupon).to.equal(0.0275);
    expect(coupon.value).to.be.above(0.0275);
    const over = JSON.parse((await ipabs('breakeven', futian, '--tranche', 'senior', '--vary', 'coupon', '--default-rate', String(bdr.value + 0.01), '--json')).out) as { value: number };
    expect(over.value).to.be.below(0.0275);
  });

  describe('bad input: the field, what was wrong, what is allowed; exit 1', () => {
    const cases: Array<[string, string[], string]> = [
      ['an unknown scenario', ['breakeven', futian, '--tranche', 'senior', '--vary', 'default-rate', '--scenario', 'meltdown'], '--scenario: unknown scenario "meltdown" (this deal\'s scenarios: base, front-loaded-10'],
      ['a tranche id that does not exist', ['breakeven', futian, '--tranche', 'junior', '--vary', 'default-rate'], '--tranche: no tranche "junior" in futian-n-plus-1-2023 (tranches: senior, mezzanine, subordinated)'],
      ['an unknown quantity to vary', ['breakeven', futian, '--tranche', 'senior', '--vary', 'spread'], '--vary: must be one of default-rate, recovery, coupon, got "spread"'],
      ['a recovery outside [0, 1]', ['breakeven', futian, '--tranche', 'senior', '--vary', 'default-rate', '--recovery', '1.2'], '--recovery: must be a fraction between 0 and 1 (0.2 = 20%), got "1.2"'],
      ['a coupon break-even for a tranche without a coupon', ['breakeven', futian, '--tranche', 'subordinated', '--vary', 'coupon'], 'tranche "subordinated" has no coupon'],
      ['an unknown TDR method', ['rate', futian, '--tdr', 'gut-feeling'], '--tdr: must be one of monte-carlo, lognormal, stress-multiplier, got "gut-feeling"'],
    ];
    for (const [what, argv, message] of cases) {
      it(what, async () => {
        const r = await ipabs(...argv);
        expect(r.code).to.equal(1);
        expect(r.err).to.include(message);
      });
    }

    const deal = loadRaw('futian-n-plus-1-2023.json');
    const withRating = (rating: unknown) => withChanges(deal, { '/rating': rating });
    const fileCases: Array<[string, unknown, string]> = [
      ['a timing vector that does not add up to 1', withRating({ scenarios: [{ name: 'mine', reason: 'test', stresses: [{ kind: 'default-timing', shape: 'vector', vector: [0.5, 0.3, 0.1, 0.05] }] }] }),
        'rating.scenarios[0].stresses[0].vector: shares must add up to 1 (all of the defaults), got 0.95'],
      ['a timing vector of the wrong length', withRating({ scenarios: [{ name: 'mine', reason: 'test', stresses: [{ kind: 'default-timing', shape: 'vector', vector: [0.5, 0.5] }] }] }),
        'rating.scenarios[0].stresses[0].vector: has 2 shares but the deal has 4 payment periods'],
      ['a recovery haircut outside [0, 1]', withRating({ scenarios: [{ name: 'mine', reason: 'test', stresses: [{ kind: 'recovery-haircut', haircut: 1.5 }] }] }),
        'rating.scenarios[0].stresses[0].haircut: must be between 0 and 1, got 1.5'],
      ['a default scenario excluded that does not exist', withRating({ excludeScenarios: ['front-loaded-99'] }),
        'rating.excludeScenarios[0]: no default scenario "front-loaded-99" (default scenarios: base,'],
      ['a grade missing from the table', withRating({ grades: [
        { grade: 'AAA(sf)', targetDefaultProbability: 0.001, stressMultiplier: 5 }, { grade: 'AA+(sf)', targetDefaultProbability: 0.003, stressMultiplier: 4.5 },
        { grade: 'AA(sf)', targetDefaultProbability: 0.01, stressMultiplier: 4.1 }, { grade: 'A+(sf)', targetDefaultProbability: 0.02, stressMultiplier: 3.4 },
        { grade: 'A(sf)', targetDefaultProbability: 0.028, stressMultiplier: 3 }, { grade: 'A-(sf)', targetDefaultProbability: 0.034, stressMultiplier: 2.8 },
        { grade: 'BBB+(sf)', targetDefaultProbability: 0.041, stressMultiplier: 2.5 }, { grade: 'BBB(sf)', targetDefaultProbability: 0.05, stressMultiplier: 2.3 },
        { grade: 'BBB-(sf)', targetDefaultProbability: 0.06, stressMultiplier: 2 }, { grade: 'BB(sf)', targetDefaultProbability: 0.09, stressMultiplier: 1.5 },
      ] }), 'rating.grades: AA-(sf) is missing (the table must give every grade AAA(sf), AA+(sf)'],
      ['a provider rating that is not a rating', withChanges(deal, { '/enhancements/0/provider/domesticRating': 'AAAA' }),
        'enhancements[0].provider.domesticRating: must be a domestic issuer rating, one of AAA, AA+, AA, AA-'],
    ];
    for (const [what, doc, message] of fileCases) {
      it(`${what} (in the deal file)`, async () => {
        const file = write(`${what.replace(/\W+/g, '-')}.json`, doc);
        for (const argv of [['validate', file], ['rate', file, '--paths', '0'], ['breakeven', file, '--tranche', 'senior', '--vary', 'default-rate']]) {
          const r = await ipabs(...argv);
          expect(r.code, argv[0]).to.equal(1);
          expect(r.err, argv[0]).to.include(message);
        }
      });
    }
  });
});
