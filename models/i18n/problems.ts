// Validation and request problems in the reader's language. The validator, the schema helpers and
// the server write each problem in English (`path: what is wrong (what is allowed)`, the wording the
// CLI and the API have always used, and that their tests read). This module reads such a message
// back into a kind of problem with its values — a structured problem { key, params } — and renders
// it in another language from the catalogue's problem.* keys. A message no rule recognises is
// returned as written (the caller marks it as English), so a new English message is never lost.
import { translate, type Lang, type MessageKey, type MessageParams } from './catalogue.js';

export interface StructuredProblem { key: MessageKey; params: Record<string, string> }

type Rule = [RegExp, MessageKey];

const GOT = '(?<got>.*)';
// Longest and most specific first: the first rule that matches the whole message wins.
const RULES: readonly Rule[] = [
  [/^is required \((?<what>array|boolean|number|object|string)\)$/, 'problem.required'],
  [/^is required when (?<when>.+)$/s, 'problem.requiredWhen'],
  [new RegExp(`^(?<field>kind|type) must be one of (?<list>.+?), got ${GOT}$`, 's'), 'problem.fieldOneOf'],
  [new RegExp(`^must be one of (?<list>.+?), got ${GOT}$`, 's'), 'problem.oneOf'],
  [new RegExp(`^must be a number between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.numberBetween'],
  [new RegExp(`^must be a whole number between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.wholeBetween'],
  [new RegExp(`^must be a fraction between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.fractionBetween'],
  [new RegExp(`^must be a decimal spread between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.spreadBetween'],
  [new RegExp(`^must be a number of basis points between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.bpBetween'],
  [new RegExp(`^must be between (?<lo>\\S+) and (?<hi>\\S+?),? got ${GOT}$`, 's'), 'problem.between'],
  [new RegExp(`^must be a list, got ${GOT}$`, 's'), 'problem.list'],
  [new RegExp(`^must be an object with a (?<field>"[^"]*") field, got ${GOT}$`, 's'), 'problem.objectWith'],
  [new RegExp(`^must be an object, got ${GOT}$`, 's'), 'problem.object'],
  [new RegExp(`^must be text, got ${GOT}$`, 's'), 'problem.text'],
  [new RegExp(`^must be true or false, got ${GOT}$`, 's'), 'problem.bool'],
  [/^Invalid input: expected (?<expected>\w+), received (?<got>\w+)$/, 'problem.typed'],
  [new RegExp(`^must be an identifier of lower-case letters, digits, '\\.', '_' or '-' \\((?<length>[\\d-]+) characters, starting with a letter or digit\\), got ${GOT}$`, 's'), 'problem.identifier'],
  [new RegExp(`^must be an identifier string, got ${GOT}$`, 's'), 'problem.identifierString'],
  [new RegExp(`^must be a deal id of .+?, got ${GOT}$`, 's'), 'problem.dealId'],
  [new RegExp(`^must be a date written YYYY-MM-DD, got ${GOT}$`, 's'), 'problem.date'],
  [new RegExp(`^must be a real date written YYYY-MM-DD, got ${GOT}$`, 's'), 'problem.realDate'],
  [new RegExp(`^must be a date from (?<from>\\S+) to (?<to>\\S+), got ${GOT}$`, 's'), 'problem.dateRange'],
  [new RegExp(`^must be after meta\\.issueDate \\((?<date>[^)]+)\\), got ${GOT}$`, 's'), 'problem.afterIssue'],
  [new RegExp(`^must be on or after meta\\.issueDate \\((?<date>[^)]+)\\)[^,]*, got ${GOT}$`, 's'), 'problem.onOrAfterIssue'],
  [new RegExp(`^must be on or before meta\\.issueDate \\((?<date>[^)]+)\\)[^,]*, got ${GOT}$`, 's'), 'problem.onOrBeforeIssue'],
  [new RegExp(`^must be on or before meta\\.maturityDate \\((?<date>[^)]+)\\), got ${GOT}$`, 's'), 'problem.onOrBeforeMaturity'],
  [new RegExp(`^must be after the previous payment date \\((?<date>[^)]+)\\); dates must be in increasing order, got ${GOT}$`, 's'), 'problem.afterPrevious'],
  [new RegExp(`^must be before the leg's maturityDate \\((?<date>[^)]+)\\), got ${GOT}$`, 's'), 'problem.beforeLegMaturity'],
  [new RegExp(`^the (?<calendar>\\S+) calendar has official holiday data from (?<from>\\S+) to (?<to>\\S+), got (?<got>\\S+) \\(move the deal inside that range, or use calendar "NONE" for weekends only\\)$`), 'problem.calendarRange'],
  [new RegExp(`^must be an amount in yuan or "unlimited", got ${GOT}$`, 's'), 'problem.amountOrUnlimited'],
  [new RegExp(`^must be an amount in yuan\\b.*?, got ${GOT}$`, 's'), 'problem.amount'],
  [new RegExp(`^must be exact to the fen \\(at most (?<n>\\d+) decimals\\), got ${GOT}$`, 's'), 'problem.fen'],
  [new RegExp(`^must not be negative, got ${GOT}$`, 's'), 'problem.notNegative'],
  [new RegExp(`^must be at most (?<max>\\S+) yuan, got ${GOT}$`, 's'), 'problem.atMostYuan'],
  [/^must be at most (?<n>\d+) characters$/, 'problem.atMostChars'],
  [/^must not be empty$/, 'problem.notEmpty'],
  [new RegExp(`^must not exceed the licence fees it buys \\(they add up to (?<total>\\S+)\\): the trust buys them at a discount, got ${GOT}$`, 's'), 'problem.royaltyPrice'],
  [new RegExp(`^must be more than 0: the trust pays the firm for the licence fees, got ${GOT}$`, 's'), 'problem.royaltyPricePositive'],
  [/^the payment due (?<due>\S+) reaches the trust on (?<arrives>\S+) \(rail\.collectionLagDays (?<days>\d+) days after it is paid\), after the final payment date (?<final>\S+); on this rail every payment must be due at least \d+ days before it$/, 'problem.railLag'],
  [new RegExp(`^a beta distribution with mean (?<mean>\\S+) needs a standard deviation below √\\(mean·\\(1−mean\\)\\) = (?<max>\\S+?),? got ${GOT}$`, 's'), 'problem.betaSd'],
  [/^the up-front fees add up to (?<fees>[\d.]+),? at least what the notes raise \((?<raise>[\d.]+)\): the firms would receive nothing \(up-front fees must be less than the issue amount\)$/, 'problem.upfrontFees'],
  [new RegExp(`^must be on or before meta\\.maturityDate \\((?<date>[^)]+)\\)[^,]*, got ${GOT}$`, 's'), 'problem.onOrBeforeMaturity'],
  [new RegExp(`^must be a domestic issuer rating.*?, got ${GOT}$`, 's'), 'problem.domesticRating'],
  [new RegExp(`^must be a whole number of (?<frequency>\\w+) periods \\(a multiple of (?<n>\\d+)\\), got ${GOT}$`, 's'), 'problem.periods'],
  [/^must have at least (?<n>\d+) entr(?:y|ies)$/, 'problem.atLeastEntries'],
  [/^must have at most (?<n>\d+) entr(?:y|ies)$/, 'problem.atMostEntries'],
  [new RegExp(`^must be (?<value>"[^"]*"|\\d+), got ${GOT}$`, 's'), 'problem.mustEqual'],
  [/^unknown field (?<field>.+?) \(allowed: (?<allowed>.*)\)$/s, 'problem.unknownField'],
  [/^duplicate id (?<id>"[^"]*") \(already used by (?<where>[^;]+); ids must be unique\)$/, 'problem.duplicateId'],
  [/^unknown tranche (?<id>"[^"]*") \(tranches: (?<list>.*)\)$/s, 'problem.unknownTranche'],
  [/^unknown source (?<id>"[^"]*") \(enhancements: (?<enhancements>[^;]*); accounts: (?<accounts>.*)\)$/s, 'problem.unknownSource'],
  [/^tranche balances add up to (?<notes>\S+) but the pool's funding \(sum of purchase prices\) is (?<funding>\S+); they must be equal$/, 'problem.trancheFunding'],
  [/^shares must add to (?<total>.+?), got (?<got>\S+)$/, 'problem.sharesAddTo'],
  [/^the last step must be (?<step>"[^"]*") so that no cash is left unassigned, got (?<got>.*)$/, 'problem.lastStep'],
  [/^the loan ends (?<end>\S+), after meta\.maturityDate \((?<date>[^)]+)\); loans must mature within the deal$/, 'problem.loanEnds'],
  [new RegExp(`^must be a JSON Pointer such as "/meta/issueDate", got ${GOT}$`, 's'), 'problem.pointer'],
  [/^points at nothing in this deal: (?<pointer>.+?) \(a JSON Pointer to an existing field\)$/, 'problem.pointsAtNothing'],
  [/^batches must be in date order, got (?<date>\S+) after (?<previous>\S+)$/, 'problem.batchOrder'],
  [/^a deal (?<id>"[^"]*") already exists \(choose another id, or edit it\)$/, 'problem.exists'],
  // The command line's usage errors.
  [/^(?<command>[a-z-]+) needs a deal file$/, 'problem.cli.needsDeal'],
  [/^(?<command>[a-z-]+) needs at least one deal file$/, 'problem.cli.needsDeals'],
  [/^programme needs a programme file \(e\.g\. (?<example>[^)]+)\)$/, 'problem.cli.needsProgramme'],
  [/^calendar needs a year \((?<year>\d+)\) or one or more dates \((?<date>[\d-]+)\)$/, 'problem.cli.needsYear'],
  [/^option (?<option>--[\w-]+) needs a value$/, 'problem.cli.needsValue'],
  [/^give the id of the tranche \(tranches: (?<list>.*)\)$/s, 'problem.cli.giveTranche'],
  [/^give what to vary, one of (?<list>.+)$/s, 'problem.cli.giveVary'],
  [/^give the id of the enhancement to size \(enhancements: (?<enhancements>[^;]*); reserve accounts: (?<accounts>.*)\)$/s, 'problem.cli.giveEnhancement'],
  [/^(?<method>"[^"]*") needs a simulation of the pool; give --paths \(e\.g\. (?<paths>\d+)\) or use --tdr stress-multiplier$/, 'problem.cli.tdrNeedsPaths'],
  [/^no such file: (?<file>.+)$/s, 'problem.cli.noSuchFile'],
  [/^no deal (?<id>"[^"]*") \(see GET \/api\/deals for the deals there are\)$/, 'problem.noDeal'],
];

const TYPE_WORD: Readonly<Record<string, MessageKey>> = {
  array: 'problem.type.array', boolean: 'problem.type.boolean', number: 'problem.type.number', object: 'problem.type.object',
  string: 'problem.type.string', null: 'problem.type.null', undefined: 'problem.type.undefined',
};

/** The kind of problem an English message states, and its values; null when no rule knows it. */
export function structureProblem(message: string): StructuredProblem | null {
  for (const [re, key] of RULES) {
    const m = re.exec(message);
    if (m) return { key, params: { ...(m.groups ?? {}) } };
  }
  return null;
}

/** "string \"x\"" → "文本 \"x\"", "nothing" → "空": the value a problem got, with its type in words. */
function gotIn(lang: Lang, got: string): string {
  if (got === 'nothing') return translate(lang, 'problem.nothing');
  const m = /^(array|boolean|number|object|string|null|undefined)(?: (.*))?$/s.exec(got);
  if (!m) return got;
  const word = translate(lang, TYPE_WORD[m[1]!]!);
  return m[2] === undefined || m[1] === 'null' ? word : `${word} ${m[2]}`;
}

/** A problem's message in `lang`: English as written; else its kind rendered from the catalogue, or the English when no rule knows it. */
export function problemMessageIn(lang: Lang, message: string): { text: string; translated: boolean } {
  if (lang === 'en') return { text: message, translated: true };
  const s = structureProblem(message);
  if (!s) return { text: message, translated: false };
  const params: MessageParams = Object.fromEntries(Object.entries(s.params).map(([k, v]) => [k, k === 'got' || k === 'expected' || k === 'what' ? gotIn(lang, v) : v]));
  return { text: translate(lang, s.key, params), translated: true };
}

/**
 * A whole error line in `lang`: "path: message" with the message translated, and the
 * "deal is not valid: a; b; c (and n more)" summaries the server writes, part by part.
 */
export function errorLineIn(lang: Lang, line: string): string {
  if (lang === 'en') return line;
  const file = /^(.+) is not a valid deal:$/.exec(line);
  if (file) return translate(lang, 'problem.notValidDeal', { file: file[1]! });
  const invalid = /^(deal(?: "[^"]*")? is not valid): (.*?)(?: \(and (\d+) more\))?$/s.exec(line);
  if (invalid) {
    const parts = invalid[2]!.split('; ').map((p) => errorLineIn(lang, p)).join('；');
    return `${translate(lang, 'problem.dealInvalid', { problems: parts })}${invalid[3] ? translate(lang, 'problem.andMore', { n: invalid[3] }) : ''}`;
  }
  const colon = line.indexOf(': ');
  if (colon > 0 && !/\s/.test(line.slice(0, colon))) {
    const r = problemMessageIn(lang, line.slice(colon + 2));
    const where = line.slice(0, colon);
    return `${where === '(deal)' ? translate(lang, 'common.dealScope') : where}: ${r.text}`;
  }
  return problemMessageIn(lang, line).text;
}

/** "path: message" in `lang`, "(deal)" for a problem of the whole file. */
export function formatProblemIn(lang: Lang, p: { path: string; message: string }): string {
  return `${p.path || translate(lang, 'common.dealScope')}: ${problemMessageIn(lang, p.message).text}`;
}
