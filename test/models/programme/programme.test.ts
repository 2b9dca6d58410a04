// Shelf programmes (储架发行): the shelf's rules, the shared parties' combined exposure, and the
// combined simulation (one copula across every issue's firms and the shared guarantors).
import { expect } from 'chai';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProgrammeFile } from '../../../models/programme/load.js';
import { partyExposures } from '../../../models/programme/exposure.js';
import { simulateProgramme } from '../../../models/programme/simulate.js';
import { simulateHere } from '../../../models/montecarlo/simulate.js';
import { formatProblem } from '../../../models/deal-format/validate.js';
import { SCENARIO_DIR, loadScenario } from '../../support/scenarios.js';

const SHELF = new URL('../../../programmes/yuhang-shelf.json', import.meta.url).pathname;
const base = () => JSON.parse(readFileSync(SHELF, 'utf8')) as Record<string, unknown> & { shelf: Record<string, unknown>; issues: Array<{ deal: string }>; sharedParties: Array<{ id: string; capacity: number }>; provenance: unknown[] };

/** Write a programme (deal paths made absolute) to a temporary file and load it. */
function loadVariant(change: (p: ReturnType<typeof base>) => void) {
  const p = base();
  p.issues = p.issues.map((x) => ({ deal: join(SCENARIO_DIR, x.deal.replace('../scenarios/', '')) }));
  change(p);
  const file = join(mkdtempSync(join(tmpdir(), 'ipabs-programme-')), 'p.json');
  writeFileSync(file, JSON.stringify(p));
  return loadProgrammeFile(file);
}
const problemsOf = (r: ReturnType<typeof loadProgrammeFile>) => (r.ok ? [] : r.problems.map(formatProblem));

describe('shelf programmes (models/programme)', () => {
  it('the Yuhang shelf: two issues, 253 M of the 10亿 used, the guarantors\' combined exposure above their shared capacity while both issues are outstanding', () => {
    const r = loadProgrammeFile(SHELF);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.value.issues.map((x) => x.size.toNumber())).to.deep.equal([133_000_000, 120_000_000]);
    const ex = partyExposures(r.value);
    const city = ex.find((e) => e.id === 'hangzhou-guarantee')!;
    // On 2023-09-20 both issues are outstanding: each guarantor stands to its full cap in each.
    expect(city.peak).to.deep.equal({ date: '2023-09-20', total: 79_800_000 + 72_000_000, capped: 120_000_000 });
    // Once issue 1 has matured (2024-03-15), only issue 2 is left.
    const after = city.timeline.find((x) => x.date === '2024-03-20')!;
    expect(after.byIssue[0]).to.equal(0);
    expect(after.total).to.equal(72_000_000);
  });

  it('a one-issue programme draws exactly what simulate draws for that deal (the same names, streams and waterfall)', () => {
    const r = loadVariant((p) => { p.issues = p.issues.slice(0, 1); p.provenance = (p.provenance as Array<{ path: string }>).filter((x) => x.path !== '/issues/1'); p.sharedParties = p.sharedParties.map((s) => ({ ...s, capacity: 1e9 })); });
    if (!r.ok) throw new Error(problemsOf(r).join('\n'));
    const prog = simulateProgramme(r.value, { paths: 6000, seed: 4 });
    const alone = simulateHere(loadScenario(join(SCENARIO_DIR, 'yuhang-abn-2023.json')), { paths: 6000, seed: 4 });
    for (const sp of prog.parties) {
      const party = alone.parties.find((x) => x.id === sp.id)!;
      expect(sp.expectedPaid.mean, sp.id).to.be.closeTo(party.expectedPaid, 1e-6 * Math.max(1, party.expectedPaid));
    }
    expect(prog.issues[0]!.tranches[0]!.expectedLossRate.mean).to.be.closeTo(alone.tranches[0]!.expectedLossRate, 1e-12);
  });

  it('a shared capacity binds across issues: no path pays more than it, some paths use it all up, and what it pays adds up over the issues', () => {
    const r = loadVariant((p) => { p.sharedParties = [{ id: 'yuhang-sci-tech-group', capacity: 3_000_000 }]; p.provenance = (p.provenance as Array<{ path: string }>).filter((x) => !x.path.startsWith('/sharedParties/')); });
    if (!r.ok) throw new Error(problemsOf(r).join('\n'));
    const s = simulateProgramme(r.value, { paths: 8192, seed: 2 });
    const u = s.parties[0]!;
    expect(u.paidQuantiles['0.999'].value).to.be.at.most(3_000_000 + 0.01);
    expect(u.exhaustionProbability.mean).to.be.greaterThan(0);
    const total = u.byIssue.reduce((x, b) => x + b.expectedPaid.mean, 0);
    expect(u.expectedPaid.mean).to.be.closeTo(total, 1e-6 * total);
    // Reproducible: the same seed gives the same numbers.
    expect(JSON.stringify(simulateProgramme(r.value, { paths: 8192, seed: 2 }))).to.equal(JSON.stringify(s));
  });

  it('refuses issues beyond the cap or the window, too many issues, unknown shared parties and missing deal files', () => {
    expect(problemsOf(loadVariant((p) => { p.shelf.capacity = 200_000_000; }))).to.include(
      'issues[1]: ' + join(SCENARIO_DIR, 'yuhang-abn-2023-2.json') + ' (120,000,000.00) brings the shelf to 253,000,000.00, above its capacity of 200,000,000.00 (67,000,000.00 was left)');
    const late = problemsOf(loadVariant((p) => { p.shelf.expiresOn = '2023-06-30'; }));
    expect(late.some((m) => m.startsWith('issues[1]: ') && m.includes('is issued on 2023-09-20, after the shelf expires (shelf.expiresOn 2023-06-30)'))).to.equal(true);
    expect(problemsOf(loadVariant((p) => { p.shelf.maxIssues = 1; }))).to.include('issues: has 2 issues, more than the shelf allows (shelf.maxIssues 1)');
    const unknown = problemsOf(loadVariant((p) => { p.sharedParties.push({ id: 'nobody', capacity: 1 }); }));
    expect(unknown.some((m) => m.startsWith('sharedParties[3].id: no issue has a party "nobody"'))).to.equal(true);
    const missing = problemsOf(loadVariant((p) => { p.issues.push({ deal: '/nowhere/deal.json' }); }));
    expect(missing).to.include('issues[2].deal: no such deal file: /nowhere/deal.json (paths are relative to the programme file)');
  });
});
