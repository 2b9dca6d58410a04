// npm run bench, the design part: `ipabs optimize --objective firms-cost` on Yuhang (guarantee,
// undertaking, issue size) and Futian (senior share, mezzanine split, undertaking) — three levers
// each, 4 values a lever on the lattice, 3 halvings of refinement, the senior at AAA(sf) and the
// enhancement's probability of exhaustion ≤ 1%. 20,000 paths a candidate: the 99.9% draw and the
// probability of exhaustion of an 8- or 14-firm pool are read off ~20 tail paths, enough for their
// 95% intervals (which the constraints use) to be usable; fewer paths widen those intervals and
// push the answer to more capacity. Target: under 60 s each on the 2-core machine.
import type { Deal } from '../models/deal-format/schema.js';
import { optimizeDesign, type OptimizeRequest } from '../models/design/optimize.js';
import { formatMoney, textTable } from '../models/format.js';

const TARGET_SECONDS = 60;
export const DESIGN_BENCH_PATHS = 20_000;

const CASES: Record<string, (d: Deal) => Omit<OptimizeRequest, 'paths' | 'seed'>> = {
  'yuhang-abn-2023': () => ({
    objective: 'firms-cost', points: 4, refine: 3,
    levers: [
      { name: 'guarantee', range: { kind: 'interval', min: 0, max: 146_300_000 } },
      { name: 'undertaking', range: { kind: 'interval', min: 0, max: 146_300_000 } },
      { name: 'issue-size', range: { kind: 'interval', min: 100_000_000, max: 166_000_000 } },
    ],
    constraints: [{ kind: 'senior-rating', min: 'AAA(sf)' }, { kind: 'exhaustion', enhancement: null, max: 0.01 }],
  }),
  'futian-n-plus-1-2023': () => ({
    objective: 'firms-cost', points: 4, refine: 3,
    levers: [
      { name: 'senior-share', range: { kind: 'interval', min: 0.7, max: 0.95 } },
      { name: 'mezzanine-split', range: { kind: 'interval', min: 0.2, max: 0.8 } },
      { name: 'undertaking', range: { kind: 'interval', min: 100_000_000, max: 165_000_000 } },
    ],
    constraints: [{ kind: 'senior-rating', min: 'AAA(sf)' }, { kind: 'exhaustion', enhancement: null, max: 0.01 }],
  }),
};

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(3)}%`);

export async function benchDesign(deals: ReadonlyArray<{ name: string; deal: Deal }>, quick: boolean): Promise<void> {
  const paths = quick ? 5_000 : DESIGN_BENCH_PATHS;
  const rows: string[][] = [];
  for (const { name, deal } of deals.filter((d) => d.name in CASES)) {
    const req = CASES[name]!(deal);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const r = await optimizeDesign(deal, { ...req, paths, seed: 1 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const best = r.best;
    const design = best ? req.levers!.map((l) => `${l.name}=${l.name.endsWith('share') || l.name.endsWith('split') ? pct(Number(best.design[l.name])) : formatMoney(Number(best.design[l.name]))}`).join(', ') : r.status;
    rows.push([
      name, String(req.levers!.length), String(r.evaluations.total), `${wall.toFixed(1)} s`, `${cpuS.toFixed(1)} s`, `${((wall / r.evaluations.total) * 1000).toFixed(0)} ms`,
      pct(r.shipped.firmsCost), pct(best?.firmsCost), design,
      wall < TARGET_SECONDS ? `< ${TARGET_SECONDS} s: met` : `< ${TARGET_SECONDS} s: MISSED`,
    ]);
  }
  if (!rows.length) return;
  console.log(`\nDesign optimizer (ipabs optimize --objective firms-cost): ${paths.toLocaleString('en-US')} paths a candidate (common random numbers), 4 values a lever, 3 halvings; senior AAA(sf), P(exhausted) ≤ 1%; one thread`);
  console.log(textTable(['deal', 'levers', 'candidates', 'wall', 'CPU', 'per candidate', 'shipped (market coupons)', 'best', 'best design', 'target'], rows));
}
