// npm run bench, the domestic rating part: a full TDR/BDR break-even table (every scenario of the
// deal's catalogue, every tranche, certified by the exact engine) of the Yuhang and Futian deals on
// this thread, Monte Carlo for the TDR excluded. Target: under 2 s each.
import type { Deal } from '../models/deal-format/schema.js';
import { breakEvenTable, type BreakEvenTable } from '../models/breakeven/index.js';
import { textTable } from '../models/format.js';

const TARGET_SECONDS = 2;
const RATED = ['yuhang-abn-2023', 'futian-n-plus-1-2023'];

// Wall time and this process's CPU time: on a machine others share, the CPU time is the repeatable one.
function timedTable(deal: Deal, arithmetic: 'certified' | 'float'): { table: BreakEvenTable; seconds: number; cpu: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const table = breakEvenTable(deal, { arithmetic });
  const c = process.cpuUsage(c0);
  return { table, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
}

export function benchRating(deals: ReadonlyArray<{ name: string; deal: Deal }>, repeats: number): void {
  const rows: string[][] = [];
  const summary: string[] = [];
  for (const { name, deal } of deals.filter((d) => RATED.includes(d.name))) {
    const cold = timedTable(deal, 'certified');
    const warm = Array.from({ length: repeats }, () => timedTable(deal, 'certified').seconds);
    const float = Math.min(...Array.from({ length: repeats }, () => timedTable(deal, 'float').seconds));
    const best = Math.min(...warm);
    const { table } = cold;
    rows.push([
      name, String(table.scenarios.length), String(table.tranches.length),
      `${cold.seconds.toFixed(3)} s (${cold.cpu.toFixed(3)} s)`, `${best.toFixed(3)} s${warm.length > 1 ? ` (≤ ${Math.max(...warm).toFixed(3)})` : ''}`, `${float.toFixed(3)} s`,
      `${table.evaluations.float} / ${table.evaluations.exact}`,
      cold.seconds < TARGET_SECONDS ? `< ${TARGET_SECONDS} s: met` : `< ${TARGET_SECONDS} s: MISSED`,
    ]);
    for (const t of table.tranches) summary.push(`  ${name} ${t.id}: BDR ${(t.bdr * 100).toFixed(2)}% (binding: ${t.bindingScenario}); base ${(t.bdrByScenario.base! * 100).toFixed(2)}%`);
  }
  if (rows.length === 0) return;
  console.log('\nDomestic rating (TDR/BDR): the full break-even table of each deal on one thread, every scenario and tranche, bisection to 0.01% of the pool; Monte Carlo for the TDR excluded.');
  console.log('First call (cold, as a command would run it; wall time, CPU time in brackets), then best of the warm repeats (the slowest in brackets), and double arithmetic only (as an optimizer would call it).\n');
  console.log(textTable(['deal', 'scenarios', 'tranches', 'first call (CPU)', 'warm (certified)', 'warm (doubles only)', 'waterfall runs double / exact', 'target'], rows));
  console.log(summary.join('\n'));
}
