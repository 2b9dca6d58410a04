// A pool tape put into a deal: the tranches follow the new pool keeping their split, to the fen;
// a deal problem caused by a tape row is reported at its cell; nothing comes back unless valid.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { loadRaw } from '../../support/scenarios.js';
import { poolTapeCsv } from '../../../models/pool/tape/template.js';
import { formatTapeProblems, readPoolTape } from '../../../models/pool/tape/parse.js';
import { importPool, splitInProportion } from '../../../models/deal-format/pool-import.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';

const SOURCE = { file: 'tape.csv', importedOn: '2025-06-30' };
const dealOf = (raw: Record<string, unknown>) => {
  const v = validateDeal(raw);
  if (!v.ok) throw new Error('invalid');
  return v.deal;
};
async function tapeFrom(deal: Deal, edit: (csv: string) => string = (x) => x) {
  const r = await readPoolTape(Buffer.from(edit(poolTapeCsv('en', deal.pool.obligors)), 'utf8'), { fileName: 'tape.csv' });
  if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
  return r;
}

describe('pool tape into a deal', () => {
  it('splits a new total in the old proportions to the fen (largest remainders get the left-over fen)', () => {
    const out = splitInProportion([new Decimal('100.00'), new Decimal('100.00'), new Decimal('100.00')], new Decimal('100.00'));
    expect(out.map((d) => d.toFixed(2))).to.deep.equal(['33.34', '33.33', '33.33']);
    const futian = splitInProportion([new Decimal(40_000_000), new Decimal(8_000_000), new Decimal(2_000_000)], new Decimal('55555555.55'));
    expect(futian.map((d) => d.toFixed(2))).to.deep.equal(['44444444.44', '8888888.89', '2222222.22']);
    expect(futian.reduce((s, x) => s.plus(x), new Decimal(0)).toFixed(2)).to.equal('55555555.55');
  });

  it('keeps a deal unchanged (but for provenance) when the tape is its own pool', async () => {
    const raw = loadRaw('futian-n-plus-1-2023.json');
    const deal = dealOf(raw);
    const r = importPool(raw, await tapeFrom(deal), SOURCE, 'futian.json');
    if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
    expect(r.result.tranches.every((t) => t.from === t.to)).to.equal(true);
    expect(JSON.parse(JSON.stringify(r.result.deal.liabilities))).to.deep.equal(JSON.parse(JSON.stringify(deal.liabilities)));
    expect(r.result.deal.provenance.filter((p) => p.path === '/pool/obligors').map((p) => p.kind)).to.deep.equal(['fact', 'assumption']);
    expect(r.result.deal.provenance.some((p) => p.path.startsWith('/pool/obligors/'))).to.equal(false);
  });

  it('rescales Futian\'s three tranches to a larger pool, keeping the split and the total to the fen', async () => {
    const raw = loadRaw('futian-n-plus-1-2023.json');
    const deal = dealOf(raw);
    // The first firm's loan grows from 15,000,000 to 15,123,456.78.
    const tape = await tapeFrom(deal, (csv) => csv.replace(/(\n[^,]*,[^,]*,[^,]*,[^,]*,)15000000(?=,)/, '$115123456.78'));
    const r = importPool(raw, tape, SOURCE, 'futian.json');
    if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
    const oldTotal = deal.liabilities.tranches.reduce((s, t) => s.plus(t.balance), new Decimal(0));
    const newTotal = new Decimal(r.result.funding);
    expect(newTotal.minus(oldTotal).toFixed(2)).to.equal('123456.78');
    const sum = r.result.deal.liabilities.tranches.reduce((s, t) => s.plus(t.balance), new Decimal(0));
    expect(sum.toFixed(2)).to.equal(newTotal.toFixed(2));
    r.result.deal.liabilities.tranches.forEach((t, i) => {
      const exact = new Decimal(deal.liabilities.tranches[i]!.balance).times(newTotal).div(oldTotal);
      expect(new Decimal(t.balance).minus(exact).abs().lessThanOrEqualTo(0.01), `${t.id} within a fen of its share`).to.equal(true);
    });
    expect(r.result.deal.provenance.find((p) => p.path === '/liabilities/tranches' && p.kind === 'assumption')?.reason).to.match(/^Tranche balances rescaled to the imported pool's funding \(\d+\.\d\d\) keeping the earlier split \(senior/);
  });

  it('reports a loan starting after the deal\'s issue date at its tape cell, and returns nothing to save', async () => {
    const raw = loadRaw('futian-n-plus-1-2023.json');
    const deal = dealOf(raw);
    const tape = await tapeFrom(deal, (csv) => csv.replace('2023-08-05', '2030-01-01'));
    const r = importPool(raw, tape, SOURCE, 'futian.json');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    const msgs = formatTapeProblems(r.problems, 'en');
    expect(msgs[0]).to.match(/^tape!H2: asset\.startDate: must be on or before meta\.issueDate \(\d{4}-\d\d-\d\d\); the trust buys existing loans, got 2030-01-01 \(the deal check, once the pool is in the deal\)$/);
  });

  it('keeps the per-firm pricing spreads of firms still in the pool and drops (and names) those of firms the tape no longer has', async () => {
    const raw = loadRaw('futian-n-plus-1-2023.json');
    const deal = dealOf(raw);
    const spreadsBefore = (raw as { pool: { pricing: { spreads: Array<{ obligor: string }> } } }).pool.pricing.spreads.map((s) => s.obligor);
    // The tape keeps the first two firms (ids are written in the tape), the rest are gone.
    const keep = deal.pool.obligors.slice(0, 2);
    const tape = await tapeFrom({ ...deal, pool: { ...deal.pool, obligors: keep } });
    const r = importPool(raw, tape, SOURCE, 'futian.json');
    if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
    const kept = new Set(keep.map((o) => o.id));
    const spreadsAfter = (r.result.deal.pool.pricing as { spreads?: Array<{ obligor: string }> }).spreads?.map((s) => s.obligor) ?? [];
    expect(spreadsAfter).to.deep.equal(spreadsBefore.filter((id) => kept.has(id)));
    expect(r.result.droppedSpreads).to.deep.equal(spreadsBefore.filter((id) => !kept.has(id)));
    expect(r.result.droppedSpreads).to.have.length.greaterThan(0);
    expect(r.result.deal.provenance.find((p) => p.path === '/pool/pricing/spreads')?.reason).to.contain(r.result.droppedSpreads.join(', '));
  });
});
