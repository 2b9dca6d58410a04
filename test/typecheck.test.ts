// The whole project type-checks under the strict compiler settings (tsx runs TypeScript without
// checking types, so without this a type error could pass every other test).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '../server/config.js';

describe('TypeScript', () => {
  it('type-checks the project with tsc --noEmit (strict, no unused locals or parameters)', function () {
    this.timeout(120_000);
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', projectRoot], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).to.equal('');
    expect(r.status).to.equal(0);
  });
});
