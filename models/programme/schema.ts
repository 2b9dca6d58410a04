// 储架发行 shelf programmes: one registration (a capacity and a window) under which a sponsor
// issues successive deals (Yuhang 10亿, 苏州工业园区 10亿 in up to 10 issues over 2 years, 江北 10亿).
// A programme file lists its issues (each a deal file) and the parties whose capacity the issues
// share (a guarantor or undertaker standing behind every issue).
import { z } from 'zod';
import { describeValue, identifier, integerBetween, isoDate, listOf, money, strictObject, text } from '../deal/schema-helpers.js';
import { provenanceSchema } from '../deal-format/schema.js';

export const programmeSchema = strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1, { error: (iss) => `must be 1, got ${describeValue(iss.input)}` }),
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  description: text(4000).optional(),
  shelf: strictObject({
    /** 储架额度: the most the issues may add up to. */
    capacity: money(),
    /** The window in which issues may be made: from the registration to its expiry. */
    registeredOn: isoDate(),
    expiresOn: isoDate(),
    /** The most issues the registration allows (e.g. 苏州: 10); no limit if left out. */
    maxIssues: integerBetween(1, 100).optional(),
  }),
  /** The issues in order, each a deal file (a path relative to this file). */
  issues: listOf(strictObject({ deal: text(500) }), 1, 100),
  /**
   * Parties that stand behind several issues with one capacity (a guarantor's or undertaker's
   * total commitment to the programme): their draws across issues share it.
   */
  sharedParties: listOf(strictObject({ id: identifier(), capacity: money() }), 0, 20),
  provenance: listOf(provenanceSchema, 1, 1000),
});

export type ProgrammeInput = z.input<typeof programmeSchema>;
export type Programme = z.output<typeof programmeSchema>;
