// What models/money exposes: exact money and rates: Num<T> (decimal.js or plain numbers, one waterfall
// for both), XIRR, the firm's dated cost flows.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { COST_FLOW_KINDS, type CostFlow, type CostFlowKind } from './cost-flow.js';
export { FEN_ROUNDING, exactNum, floatNum, type Num, type Vec } from './num.js';
export { xirr } from './xirr.js';
