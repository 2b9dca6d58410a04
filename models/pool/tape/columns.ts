// The pool tape's columns (资产池明细表): one row per firm or asset. Each column has a key, its
// header in both languages (the catalogue's `tape.col.<key>`), what it holds and whether a row
// needs it. The tape reader matches headers in either language, so a tape filled in from the
// Chinese template imports on an English page and the reverse.
import type { MessageKey } from '../../i18n/index.js';
import type { ColumnType } from '../../sheets/workbook.js';

export const TAPE_COLUMN_KEYS = [
  'id', 'name', 'sector', 'assetType', 'amount', 'rate', 'feeSchedule', 'startDate', 'termMonths',
  'frequency', 'amortization', 'licence', 'appraisedValue', 'inventionPatents', 'utilityModelPatents',
  'designPatents', 'trademarks', 'copyrights', 'pd', 'recovery', 'recoveryStdDev', 'recoveryLagMonths',
  'recoveryBasis', 'appraiser',
  // The other asset kinds' own columns (leases, entrusted and trust loans, factoring), after the common ones.
  'purchasePrice', 'leaseStructure', 'rentalSchedule', 'deposit', 'handlingFee', 'purchaseOption',
  'channel', 'agentId', 'agentName', 'agentNameZh', 'agentFeeRate', 'agentPd', 'agentHoldDays', 'agentRecovery', 'agentSector',
  'receivables',
] as const;
export type TapeColumnKey = (typeof TAPE_COLUMN_KEYS)[number];

export interface TapeColumn {
  key: TapeColumnKey;
  /** 'always', only for one asset kind, or never (optional). */
  required: 'always' | 'loan' | 'licence-royalty' | 'no';
  /** How the template formats the column (the reader accepts text forms as well). */
  type: ColumnType;
  width: number;
}

export const TAPE_COLUMNS: readonly TapeColumn[] = [
  { key: 'id', required: 'no', type: 'text', width: 12 },
  { key: 'name', required: 'always', type: 'text', width: 30 },
  { key: 'sector', required: 'always', type: 'text', width: 22 },
  { key: 'assetType', required: 'always', type: 'text', width: 14 },
  { key: 'amount', required: 'always', type: 'money', width: 16 },
  { key: 'rate', required: 'no', type: 'number', width: 12 },
  { key: 'feeSchedule', required: 'no', type: 'text', width: 40 },
  { key: 'startDate', required: 'no', type: 'date', width: 12 },
  { key: 'termMonths', required: 'no', type: 'integer', width: 10 },
  { key: 'frequency', required: 'no', type: 'text', width: 12 },
  { key: 'amortization', required: 'loan', type: 'text', width: 16 },
  { key: 'licence', required: 'licence-royalty', type: 'text', width: 14 },
  { key: 'appraisedValue', required: 'always', type: 'money', width: 16 },
  { key: 'inventionPatents', required: 'no', type: 'integer', width: 10 },
  { key: 'utilityModelPatents', required: 'no', type: 'integer', width: 10 },
  { key: 'designPatents', required: 'no', type: 'integer', width: 10 },
  { key: 'trademarks', required: 'no', type: 'integer', width: 10 },
  { key: 'copyrights', required: 'no', type: 'integer', width: 10 },
  { key: 'pd', required: 'always', type: 'number', width: 10 },
  { key: 'recovery', required: 'always', type: 'number', width: 10 },
  { key: 'recoveryStdDev', required: 'always', type: 'number', width: 10 },
  { key: 'recoveryLagMonths', required: 'always', type: 'integer', width: 10 },
  { key: 'recoveryBasis', required: 'no', type: 'text', width: 14 },
  { key: 'appraiser', required: 'no', type: 'text', width: 24 },
  { key: 'purchasePrice', required: 'no', type: 'money', width: 16 },
  { key: 'leaseStructure', required: 'no', type: 'text', width: 16 },
  { key: 'rentalSchedule', required: 'no', type: 'text', width: 40 },
  { key: 'deposit', required: 'no', type: 'money', width: 14 },
  { key: 'handlingFee', required: 'no', type: 'money', width: 14 },
  { key: 'purchaseOption', required: 'no', type: 'money', width: 12 },
  { key: 'channel', required: 'no', type: 'text', width: 14 },
  { key: 'agentId', required: 'no', type: 'text', width: 16 },
  { key: 'agentName', required: 'no', type: 'text', width: 24 },
  { key: 'agentNameZh', required: 'no', type: 'text', width: 24 },
  { key: 'agentFeeRate', required: 'no', type: 'number', width: 10 },
  { key: 'agentPd', required: 'no', type: 'number', width: 10 },
  { key: 'agentHoldDays', required: 'no', type: 'integer', width: 10 },
  { key: 'agentRecovery', required: 'no', type: 'number', width: 10 },
  { key: 'agentSector', required: 'no', type: 'text', width: 16 },
  { key: 'receivables', required: 'no', type: 'text', width: 48 },
];

/**
 * The columns each asset kind fills beyond the common ones (name, sector, amount, IP, credit):
 * any other of these columns must be empty on its row. The kinds' tags are those of
 * models/pool/asset-registry.ts; a kind missing here is not carried by the tape.
 */
export const KIND_COLUMNS = {
  'loan': ['rate', 'startDate', 'termMonths', 'frequency', 'amortization', 'purchasePrice'],
  'licence-royalty': ['rate', 'feeSchedule', 'startDate', 'termMonths', 'frequency', 'licence'],
  'finance-lease': ['leaseStructure', 'rate', 'startDate', 'termMonths', 'frequency', 'amortization', 'rentalSchedule', 'deposit', 'handlingFee', 'purchaseOption', 'purchasePrice'],
  'entrusted-loan': ['channel', 'rate', 'startDate', 'termMonths', 'frequency', 'amortization', 'purchasePrice', 'agentId', 'agentName', 'agentNameZh', 'agentFeeRate', 'agentPd', 'agentHoldDays', 'agentRecovery', 'agentSector'],
  'factoring': ['receivables', 'startDate', 'rate'],
} as const satisfies Record<string, readonly TapeColumnKey[]>;
export type TapeAssetKind = keyof typeof KIND_COLUMNS;
/** Every column some kind owns: on a row of another kind it must be empty. */
export const KIND_SPECIFIC_COLUMNS: readonly TapeColumnKey[] = [...new Set(Object.values(KIND_COLUMNS).flat())];

export const headerKey = (k: TapeColumnKey) => `tape.col.${k}` as MessageKey;
export const helpKey = (k: TapeColumnKey) => `tape.help.${k}` as MessageKey;

/**
 * Choices written in words: the value the deal stores, the catalogue key of its label (shown in
 * the template's drop-down in the page's language) and other spellings people use.
 */
export interface Choice<T extends string = string> { value: T; label: MessageKey; also: string[] }

export const ASSET_TYPES: readonly Choice<TapeAssetKind>[] = [
  { value: 'loan', label: 'tape.opt.loan', also: ['贷款', '小额贷款', 'micro-loan', 'ip-pledged loan'] },
  { value: 'licence-royalty', label: 'tape.opt.licence-royalty', also: ['licence fee', 'license fee', 'royalty', 'licence', 'license-royalty', '许可费', '许可使用费', '知识产权许可费'] },
  { value: 'finance-lease', label: 'tape.opt.finance-lease', also: ['lease', 'ip finance lease', 'leaseback', '融资租赁', '知识产权融资租赁', '租赁', '售后回租'] },
  { value: 'entrusted-loan', label: 'tape.opt.entrusted-loan', also: ['entrusted loan', 'trust loan', 'entrusted or trust loan', '委托贷款', '信托贷款', '委贷'] },
  { value: 'factoring', label: 'tape.opt.factoring', also: ['factored receivables', 'receivables', 'supply-chain receivables', '保理', '应收账款', '供应链应收账款'] },
];
export const LEASE_STRUCTURE_CHOICES: readonly Choice<'sale-and-leaseback' | 'direct'>[] = [
  { value: 'sale-and-leaseback', label: 'tape.opt.sale-and-leaseback', also: ['leaseback', 'sale and leaseback', '回租', '售后回租'] },
  { value: 'direct', label: 'tape.opt.direct', also: ['direct lease', '直租', '直接租赁'] },
];
export const CHANNEL_CHOICES: readonly Choice<'entrusted' | 'trust'>[] = [
  { value: 'entrusted', label: 'tape.opt.entrusted', also: ['entrusted loan', 'bank', '委托贷款', '委贷'] },
  { value: 'trust', label: 'tape.opt.trust', also: ['trust loan', 'trust company', '信托贷款', '信托'] },
];
export const FREQUENCY_CHOICES: readonly Choice<'monthly' | 'quarterly' | 'semiannual' | 'annual'>[] = [
  { value: 'monthly', label: 'tape.opt.monthly', also: ['按月', '每月', '月'] },
  { value: 'quarterly', label: 'tape.opt.quarterly', also: ['按季', '每季', '季', '季度'] },
  { value: 'semiannual', label: 'tape.opt.semiannual', also: ['semi-annual', '半年', '每半年', '按半年'] },
  { value: 'annual', label: 'tape.opt.annual', also: ['yearly', '按年', '每年', '年'] },
];
export const AMORTIZATION_CHOICES: readonly Choice<'equal-principal' | 'annuity' | 'interest-only-bullet'>[] = [
  { value: 'equal-principal', label: 'tape.opt.equal-principal', also: ['等额本金'] },
  { value: 'annuity', label: 'tape.opt.annuity', also: ['等额本息', 'equal rent', 'equal-rent', '等额租金'] },
  { value: 'interest-only-bullet', label: 'tape.opt.interest-only-bullet', also: ['bullet', '先息后本', '到期还本', '按期付息到期还本'] },
];
export const LICENCE_CHOICES: readonly Choice<'exclusive' | 'sole' | 'non-exclusive'>[] = [
  { value: 'exclusive', label: 'tape.opt.exclusive', also: ['独占', '独占许可'] },
  { value: 'sole', label: 'tape.opt.sole', also: ['排他', '排他许可'] },
  { value: 'non-exclusive', label: 'tape.opt.non-exclusive', also: ['普通', '普通许可', 'nonexclusive'] },
];
export const RECOVERY_BASIS_CHOICES: readonly Choice<'appraised-value' | 'exposure'>[] = [
  { value: 'appraised-value', label: 'tape.opt.appraised-value', also: ['appraised', '评估价值', '评估值'] },
  { value: 'exposure', label: 'tape.opt.exposure', also: ['违约敞口', '敞口', 'exposure at default'] },
];

export const MONTHS_PER_PERIOD = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const;

/** The columns whose cells are one of a list of choices. */
export const CHOICE_COLUMNS: Partial<Record<TapeColumnKey, readonly Choice[]>> = {
  assetType: ASSET_TYPES, frequency: FREQUENCY_CHOICES, amortization: AMORTIZATION_CHOICES, licence: LICENCE_CHOICES, recoveryBasis: RECOVERY_BASIS_CHOICES,
  leaseStructure: LEASE_STRUCTURE_CHOICES, channel: CHANNEL_CHOICES,
};
