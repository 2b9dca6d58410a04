// A revolving deal on the command line: the schedule shows each period's status, purchases and the
// clean-up call; simulate says how often each status event fires, what the revolving period buys on
// average and how often the call is used — each with its standard error, or a bound when it never fires.
import { expect } from 'chai';
import { ipabs } from '../support/cli.js';
import { SCENARIO_DIR } from '../support/scenarios.js';

const FILE = `${SCENARIO_DIR}revolving-microloan-illustration.json`;

describe('ipabs on a revolving deal (revolving-microloan-illustration)', () => {
  it('schedule: revolving for four periods (buying 45,000,000.09 in the first), then amortizing, called in the seventh', async () => {
    const r = await ipabs('schedule', FILE, '--lang', 'en');
    expect(r.code, r.err).to.equal(0);
    const rows = r.out.split('\n').filter((l) => /^\d+\s+\d{4}-\d\d-\d\d/.test(l)).map((l) => l.split(/\s{2,}/));
    expect(rows.map((x) => x[2])).to.deep.equal(['revolving', 'revolving', 'revolving', 'revolving', 'amortizing', 'amortizing', 'amortizing', 'called', 'called']);
    expect(rows[0]).to.include('45,000,000.09');
    expect(rows[6]).to.include('8,282,285.74');
    expect(r.out).to.include('Cash reconciled to the fen in every period: yes');
  });

  it('simulate: each event\'s probability ± s.e. (a bound for those on no path), the purchases and the call', async () => {
    const r = await ipabs('simulate', FILE, '--paths', '4000', '--seed', '1', '--lang', 'en');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/cdr-5 \(amortization\) \d+\.\d{4}% ± \d+\.\d{4}%/);
    expect(r.out).to.include('senior-interest (acceleration) on no path (below 0.0749% at 95% confidence)');
    expect(r.out).to.match(/Revolving purchases \(循环购买\): expected principal bought [\d,]+\.\d\d ± [\d,]+\.\d\d \(purchase rate 90\.0000%\)/);
    expect(r.out).to.include('Clean-up call (清仓回购) exercised: probability 100.0000% ± 0.0000%');
  });
});
