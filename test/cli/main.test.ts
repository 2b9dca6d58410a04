// The command line's own dispatch (cli/main.ts): how many threads a command asks for, read before
// its modules load so that the worker threads can start loading theirs at the same time.
import { expect } from 'chai';
import { cpus } from 'node:os';
import { threadsRequested } from '../../cli/main.js';

describe('cli/main: threads a command line asks for', () => {
  it('reads --threads N, --threads=N and --threads all', () => {
    expect(threadsRequested(['bench/synthetic-1000.json', '--paths', '100000', '--threads', '2'])).to.equal(2);
    expect(threadsRequested(['deal.json', '--threads=4'])).to.equal(4);
    expect(threadsRequested(['deal.json', '--threads', 'all'])).to.equal(Math.max(1, cpus().length));
  });

  it('is 1 when the flag is missing or not a thread count (the command itself reports a bad value)', () => {
    expect(threadsRequested(['deal.json'])).to.equal(1);
    expect(threadsRequested(['deal.json', '--threads'])).to.equal(1);
    expect(threadsRequested(['deal.json', '--threads', 'many'])).to.equal(1);
    expect(threadsRequested(['deal.json', '--threads', '0'])).to.equal(1);
    expect(threadsRequested(['deal.json', '--threads', '65'])).to.equal(1);
    expect(threadsRequested(['deal.json', '--threads', '2.5'])).to.equal(1);
  });
});
