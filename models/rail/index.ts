// What models/rail exposes: settlement rails (e-CNY, bank): interest on the rail, commingling, fees,
// and a rail's effects on a deal.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { railEffects, type RailEffects } from './deal-effects.js';
export { comminglingShare, interestOnRail, railRateOn } from './rail.js';
