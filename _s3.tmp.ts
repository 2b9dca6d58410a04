import { sizeEnhancement } from './models/sizing/solve.js';
import { loadScenario, SCENARIO_DIR } from './test/support/scenarios.js';
const y = loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);
console.log(y.enhancements.map(e=>e.id));
for (const paths of [500, 20000]) {
  const r = await sizeEnhancement(y, { enhancement: 'undertaking', target: { kind: 'probability-of-loss', max: 0.02 }, paths, seed: 1 });
  console.log(paths, r.status, r.requiredAmount, r.uncertainty.lowAmount, r.uncertainty.highAmount, r.rangeWide, r.otherLayers.map(l=>[l.id, Math.round(l.atCurrent), Math.round(l.atAnswer)]));
}
