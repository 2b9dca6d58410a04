// What models/sizing exposes: sizing an enhancement to a rating or loss target (信用增级 sizing): levers,
// the search, the guarantor's break-even fee.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { LEVER_KINDS, fenToYuan, splitFen, yuanToFen, type LeverKind } from './levers.js';
export {
  checkSizingRequest, describeTarget, formatPercent, leverWords, sizeEnhancement, sizingMessage,
  targetOf, type GuarantorFigures, type SizingRequest, type SizingResult, type SizingTarget
} from './solve.js';
