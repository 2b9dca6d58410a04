// What models/ratings exposes: rating scales (domestic and the idealized-loss grades), the derived
// grade table and TDR sets.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { DERIVED_IDEALIZED_LOSS_TABLE } from './derived-table.js';
export { assignDomesticRating, cushions, withCreditSubstitution } from './domestic-rating.js';
export { BELOW_SCALE, DOMESTIC_GRADES, ISSUER_GRADES, defineGradeTable, floorFromIssuerGrade, gradeRank, gradeTableFor, parseDomesticGrade, parseIssuerGrade, type DomesticGrade, type DomesticRating, type
  GradeRow, type IssuerGrade, gradeSourceText } from './domestic-scale.js';
export { BELOW_LOWEST_RATING, RATING_ORDER, idealizedExpectedLoss, impliedRating, isRating, type Rating } from './idealized-loss.js';
export {
  TDR_METHODS, lognormalFromMoments, lognormalTdr, monteCarloTdr, stressMultiplierTdr, tdrOf, type
  ByGrade, type TdrMethod, type TdrSet
} from './tdr.js';
