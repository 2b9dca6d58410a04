import { sizeEnhancement } from './models/sizing/solve.js';
import { loadScenario, SCENARIO_DIR } from './test/support/scenarios.js';
const n = loadScenario(`${SCENARIO_DIR}ningbo-ecny-2024.json`);
const g = await sizeEnhancement(n, { enhancement: 'bank-guarantee', target: { kind: 'rating', rating: 'Aaa' }, paths: 50000, seed: 1 });
console.log([g.status, g.requiredAmount, g.message, g.guarantor === null, g.lever, g.uncertainty, g.trials.length]);
