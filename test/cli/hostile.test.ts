// Issue 16 defect 7 on the command line: echoed values are cut, and control characters or ANSI
// escapes in deal names and file names are printed escaped instead of acting on the terminal.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ipabs } from '../support/cli.js';
import { loadRaw } from '../support/scenarios.js';
import { withChanges } from '../support/json-edit.js';
import { projectRoot } from '../../server/config.js';

const ANSI_NAME = '\u001b[2J\u001b[31mEvil\u009b1m deal\r\u202eyeknom\nsecond line';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('ipabs on hostile input (issue 16)', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-hostile-'));

  it('cuts a 10 MB id to the echo length in validate (was a 10.5 MB stderr line)', async () => {
    const file = join(dir, 'long-id.json');
    writeFileSync(file, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), { '/meta/id': 'x'.repeat(10_000_000) })));
    const r = await ipabs('validate', file);
    expect(r.code).to.equal(1);
    expect(r.err.length).to.be.below(1000);
    expect(r.err).to.match(/meta\.id: must be an identifier .*, got "x{80}"… \(10,000,000 characters\)/);
  });

  it('escapes ANSI and control characters of a deal name in schedule and simulate tables', async () => {
    const file = join(dir, 'ansi-name.json');
    writeFileSync(file, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), { '/meta/name': ANSI_NAME })));
    for (const args of [['schedule', file], ['simulate', file, '--paths', '200']]) {
      const r = await ipabs(...args);
      expect(r.code, r.err).to.equal(0);
      const first = r.out.split('\n')[0]!;
      expect(first.startsWith('\\u001b[2J\\u001b[31mEvil\\u009b1m deal\\r\\u202eyeknom\\nsecond line (yuhang-abn-2023)'), first).to.equal(true);
      expect(RAW_CONTROL.test(r.out), args[0]).to.equal(false);
    }
  });

  it('cuts a long unknown option and a long --paths value', async () => {
    const r = await ipabs('simulate', 'x.json', `--${'p'.repeat(100_000)}`);
    expect(r.code).to.equal(1);
    expect(r.err.length).to.be.below(800);
    const p = await ipabs('simulate', join(projectRoot, 'scenarios/yuhang-abn-2023.json'), '--paths', '9'.repeat(100_000));
    expect(p.err.length).to.be.below(400);
    expect(p.err).to.match(/^ipabs simulate: --paths: must be a whole number between 1 and [\d,]+, got "9{80}"… \(100,000 characters\)$/);
  });

  it('never lets a control character from a file name reach the terminal (the real process)', () => {
    const file = join(dir, 'evil\u001b]0;pwned\u0007.json');
    writeFileSync(file, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), { '/meta/name': ANSI_NAME })));
    const r = spawnSync(process.execPath, [resolve(projectRoot, 'bin/ipabs.js'), 'validate', file, join(dir, 'missing\u001b[5m.json')], { encoding: 'utf8' });
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('evil\\u001b]0;pwned\\u0007.json: valid (yuhang-abn-2023)');
    expect(r.stderr).to.include('no such file:');
    expect(r.stderr).to.include('missing\\u001b[5m.json');
    expect(RAW_CONTROL.test(r.stdout + r.stderr)).to.equal(false);
  });
});
