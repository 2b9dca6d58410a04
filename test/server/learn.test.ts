import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { railNoteFor, LEARN_STRUCTURES, walkPeriod } from '../../server/present/learn.js';
import { validateDeal } from '../../models/deal-format/validate.js';
import { runExact } from '../../models/engine/exact.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { projectRoot } from '../../server/config.js';

function yuhang(): Deal {
  const r = validateDeal(JSON.parse(readFileSync(resolve(projectRoot, 'scenarios/yuhang-abn-2023.json'), 'utf8')));
  if (!r.ok) throw new Error('the Yuhang scenario should be valid');
  return r.deal;
}

describe('learn walkthrough (server/present/learn)', () => {
  const deal = yuhang();
  const report = runExact(deal);
  const abn = LEARN_STRUCTURES[0]!;

  it('accounts for every yuan of each Yuhang period: the steps end with the cash the engine carries', () => {
    for (let n = 1; n <= report.periods.length; n++) {
      const w = walkPeriod(abn, deal, report, n);
      expect(w.reconciled, `period ${n}`).to.equal(true);
      expect(w.cashLeft, `period ${n}`).to.equal(report.periods[n - 1]!.carriedForward);
    }
  });

  it('says e-CNY cash earned nothing before 2026 and the demand rate in real-name wallets after', () => {
    const rail = { kind: 'e-cny', collectionLagDays: 0, distributionLagDays: 0, fees: { perPayment: 0, bp: 0 }, demandRate: 0.0035, wallet: 'real-name', programmable: true };
    const note2023 = railNoteFor({ ...deal, rail } as unknown as Deal, report, 1);
    expect(note2023?.amount).to.equal(0);
    expect(note2023?.text).to.equal('The 200,228.77 kept in the trust waits 94 days in real-name e-CNY wallets (数字人民币钱包) until 2023-09-18, earning 0.00 — before 2026-01-01 e-CNY was cash (M0) and earned no interest.');
    const bank = { ...rail, kind: 'bank-transfer' };
    const noteBank = railNoteFor({ ...deal, rail: bank } as unknown as Deal, report, 1);
    // 200,228.77 × 0.35% × 94 / 360 = 182.99
    expect(noteBank?.amount).to.equal(182.99);
    expect(railNoteFor(deal, report, 1)).to.equal(null);
    expect(railNoteFor({ ...deal, rail } as unknown as Deal, report, 4)).to.equal(null);
  });
});
