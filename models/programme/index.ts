// What models/programme exposes: shelf programmes (储架发行): issues under one registration, shared
// parties' exposure, one Monte Carlo run across issues.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { partyExposures, type PartyExposure } from './exposure.js';
export { loadProgrammeFile, type LoadedProgramme } from './load.js';
export { simulateProgramme, type ProgrammeSimulation } from './simulate.js';
