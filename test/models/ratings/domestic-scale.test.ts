import { expect } from 'chai';
import {
  BELOW_SCALE, DEFAULT_GRADE_TABLE, DOMESTIC_GRADES, defineGradeTable, floorFromIssuerGrade, parseDomesticGrade, parseIssuerGrade,
} from '../../../models/ratings/domestic-scale.js';
import { assignDomesticRating, cushions, withCreditSubstitution } from '../../../models/ratings/domestic-rating.js';
import { lognormalFromMoments, lognormalQuantile, lognormalTdr, monteCarloTdr, stressMultiplierTdr } from '../../../models/ratings/tdr.js';

describe('domestic scale AAA(sf) … BB(sf) and its grade table', () => {
  it('lists the eleven grades best first, as the issue names them', () => {
    expect([...DOMESTIC_GRADES]).to.deep.equal(['AAA(sf)', 'AA+(sf)', 'AA(sf)', 'AA-(sf)', 'A+(sf)', 'A(sf)', 'A-(sf)', 'BBB+(sf)', 'BBB(sf)', 'BBB-(sf)', 'BB(sf)']);
  });

  it('keeps the third-party figures of the facts brief and marks everything else as interpolated', () => {
    const row = (g: string) => DEFAULT_GRADE_TABLE.rows.find((r) => r.grade === g)!;
    for (const [g, p, m] of [['AAA(sf)', 0.001, 5], ['AA(sf)', 0.01, 4.1], ['A(sf)', 0.028, 3], ['BBB(sf)', 0.05, 2.3]] as const) {
      expect(row(g)).to.include({ targetDefaultProbability: p, stressMultiplier: m, probabilityBasis: 'third-party', multiplierBasis: 'third-party' });
    }
    expect(row('AA+(sf)')).to.include({ stressMultiplier: 4.5, multiplierBasis: 'third-party', probabilityBasis: 'interpolated' });
    expect(row('BB(sf)')).to.include({ stressMultiplier: 1.5, multiplierBasis: 'third-party', probabilityBasis: 'interpolated' });
    // AA+ halfway between AAA and AA on a log scale; one notch of A → BBB is (5/2.8)^(1/3).
    expect(row('AA+(sf)').targetDefaultProbability).to.be.closeTo(Math.sqrt(0.001 * 0.01), 1e-6);
    expect(row('A-(sf)').targetDefaultProbability).to.be.closeTo(0.028 * (5 / 2.8) ** (1 / 3), 1e-5);
    expect(row('AA-(sf)').stressMultiplier).to.be.closeTo(4.1 - 1.1 / 3, 1e-3);
    expect(DEFAULT_GRADE_TABLE.source).to.match(/^ASSUMPTION: third-party/);
  });

  it('reads grades as people write them (U+2212 minus, lower case, without "(sf)") and refuses the rest', () => {
    expect(parseDomesticGrade('AA−(sf)')).to.equal('AA-(sf)');
    expect(parseDomesticGrade('bbb+')).to.equal('BBB+(sf)');
    expect(parseDomesticGrade('BB+(sf)')).to.equal(null); // not on this scale
    expect(parseIssuerGrade('aa－')).to.equal('AA-');
    expect(parseIssuerGrade('AAAA')).to.equal(null);
  });

  it('turns a provider\'s own rating into a floor: the same grade, or the next one the scale lists', () => {
    expect(floorFromIssuerGrade('AAA')).to.equal('AAA(sf)');
    expect(floorFromIssuerGrade('A-')).to.equal('A-(sf)');
    expect(floorFromIssuerGrade('BB+')).to.equal('BB(sf)');
    expect(floorFromIssuerGrade('BB-')).to.equal(null);
  });

  it('refuses a table with a grade missing, a grade twice, or numbers that do not rise and fall down the scale', () => {
    const rows = DEFAULT_GRADE_TABLE.rows.map((r) => ({ ...r }));
    expect(() => defineGradeTable(rows.filter((r) => r.grade !== 'A+(sf)'), 'test')).to.throw('grades: A+(sf) is missing (the table must give every grade');
    expect(() => defineGradeTable([...rows, rows[0]], 'test')).to.throw('grades[11].grade: AAA(sf) is listed twice');
    const flat = rows.map((r) => (r.grade === 'A(sf)' ? { ...r, targetDefaultProbability: 0.001 } : r));
    expect(() => defineGradeTable(flat, 'test')).to.throw("A(sf)'s targetDefaultProbability must be above A+(sf)'s");
    const steep = rows.map((r) => (r.grade === 'BB(sf)' ? { ...r, stressMultiplier: 9 } : r));
    expect(() => defineGradeTable(steep, 'test')).to.throw("BB(sf)'s stressMultiplier must be below BBB-(sf)'s 2.03");
    expect(() => defineGradeTable(rows.map((r, i) => (i === 3 ? { ...r, targetDefaultProbability: 0.7 } : r)), 'test', 'rating.grades')).to.throw('rating.grades[3].targetDefaultProbability: must be a probability above 0 and at most 0.5');
  });
});

describe('target default rates (TDR) and the rating they give', () => {
  const table = DEFAULT_GRADE_TABLE;

  it('TDR rises with the grade for each method', () => {
    // An exponential distribution of default rates, mean 2%: quantile −0.02 ln(1 − q).
    const mc = monteCarloTdr(table, (q) => -0.02 * Math.log(1 - q), (q) => [-0.019 * Math.log(1 - q), -0.021 * Math.log(1 - q)]);
    const ln = lognormalTdr(table, lognormalFromMoments(0.02, 0.03));
    const sm = stressMultiplierTdr(table, 0.02);
    for (const t of [mc, ln, sm]) {
      for (let i = 1; i < DOMESTIC_GRADES.length; i++) expect(t.byGrade[DOMESTIC_GRADES[i]!], `${t.method} ${DOMESTIC_GRADES[i]}`).to.be.below(t.byGrade[DOMESTIC_GRADES[i - 1]!]);
    }
    expect(mc.byGrade['AAA(sf)']).to.be.closeTo(-0.02 * Math.log(0.001), 1e-12);
    expect(sm.byGrade['BBB(sf)']).to.be.closeTo(0.046, 1e-12);
  });

  it('lognormal TDR = exp(μ + σ Φ⁻¹(1 − p)) with μ, σ matching the mean and standard deviation', () => {
    const fit = lognormalFromMoments(0.03, 0.06)!;
    expect(Math.exp(fit.mu + fit.sigma ** 2 / 2)).to.be.closeTo(0.03, 1e-12);
    expect(Math.sqrt(Math.expm1(fit.sigma ** 2)) * 0.03).to.be.closeTo(0.06, 1e-12);
    // Φ⁻¹(0.999) = 3.090232…
    expect(lognormalQuantile(fit, 0.999)).to.be.closeTo(Math.exp(fit.mu + fit.sigma * 3.090232306167814), 1e-9);
    expect(lognormalFromMoments(0, 0)).to.equal(null);
  });

  it('rates a tranche at the highest grade whose TDR is at most its BDR (a tie passes), with cushions BDR − TDR', () => {
    const tdr = stressMultiplierTdr(table, 0.04).byGrade; // AAA 20%, AA+ 18%, AA 16.4%, …
    expect(assignDomesticRating(tdr, 0.2)).to.equal('AAA(sf)');
    expect(assignDomesticRating(tdr, 0.1999)).to.equal('AA+(sf)');
    expect(assignDomesticRating(tdr, 0.165)).to.equal('AA(sf)');
    expect(assignDomesticRating(tdr, 0.059)).to.equal(BELOW_SCALE);
    const c = cushions(tdr, 0.165);
    expect(c['AA(sf)']).to.be.closeTo(0.165 - 0.164, 1e-12);
    expect(c['AAA(sf)']).to.be.closeTo(-0.035, 1e-12);
  });

  it('credit substitution lifts a tranche to the provider\'s floor but never lowers it', () => {
    expect(withCreditSubstitution('A(sf)', 'AAA(sf)')).to.equal('AAA(sf)');
    expect(withCreditSubstitution(BELOW_SCALE, 'AA(sf)')).to.equal('AA(sf)');
    expect(withCreditSubstitution('AAA(sf)', 'AA(sf)')).to.equal('AAA(sf)');
    expect(withCreditSubstitution('A(sf)', null)).to.equal('A(sf)');
  });
});
