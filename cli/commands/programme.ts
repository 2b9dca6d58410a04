// ipabs programme FILE: a shelf programme (储架发行) — its issues, the shelf used and left, and for
// each party the issues share: its combined exposure and its combined simulated draws.
import { Decimal } from 'decimal.js';
import { loadProgrammeFile } from '../../models/programme/load.js';
import { partyExposures, type PartyExposure } from '../../models/programme/exposure.js';
import { simulateProgramme, type ProgrammeSimulation } from '../../models/programme/simulate.js';
import { formatProblem } from '../../models/deal-format/validate.js';
import { formatMoney, formatRate, textTable } from '../../models/format.js';
import { translator, type Translate } from '../../models/i18n/index.js';
import { flagInt, flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import type { LoadedProgramme } from '../../models/programme/load.js';

export { programmeHelp } from './help.js';

export interface ProgrammeReport {
  programme: { id: string; name: string; nameZh: string | null };
  shelf: { capacity: number; registeredOn: string; expiresOn: string; maxIssues: number | null; issued: number; remaining: number; issuesLeft: number | null };
  issues: Array<{ number: number; id: string; name: string; file: string; issueDate: string; maturityDate: string; size: number; cumulative: number; seniorCoupon: number | null }>;
  exposures: PartyExposure[];
  simulation: ProgrammeSimulation | null;
}

/** The programme's figures (the simulation only when paths > 0). */
export function programmeReport(p: LoadedProgramme, opts: { paths: number; seed: number | string }): ProgrammeReport {
  const { programme, issues } = p;
  const capacity = new Decimal(programme.shelf.capacity);
  let used = new Decimal(0);
  const rows = issues.map((iss, i) => {
    used = used.plus(iss.size);
    const senior = iss.deal.liabilities.tranches.find((t) => t.class === 'senior');
    return {
      number: i + 1, id: iss.deal.meta.id, name: iss.deal.meta.name, file: iss.file,
      issueDate: iss.deal.meta.issueDate, maturityDate: iss.deal.meta.maturityDate,
      size: iss.size.toNumber(), cumulative: used.toNumber(),
      seniorCoupon: senior?.coupon.type === 'fixed' ? senior.coupon.rate : null,
    };
  });
  const max = programme.shelf.maxIssues ?? null;
  return {
    programme: { id: programme.id, name: programme.name, nameZh: programme.nameZh ?? null },
    shelf: {
      capacity: capacity.toNumber(), registeredOn: programme.shelf.registeredOn, expiresOn: programme.shelf.expiresOn, maxIssues: max,
      issued: used.toNumber(), remaining: capacity.minus(used).toNumber(), issuesLeft: max === null ? null : max - issues.length,
    },
    issues: rows,
    exposures: partyExposures(p),
    simulation: opts.paths > 0 ? simulateProgramme(p, opts) : null,
  };
}

const pm = (e: { mean: number; stdErr: number }, f: (x: number) => string) => `${f(e.mean)} ± ${f(e.stdErr)}`;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatProgramme(r: ProgrammeReport, t: Translate): string {
  const lines = [t('assets.programme.title', { name: r.programme.name, id: r.programme.id })];
  if (r.programme.nameZh) lines.push(r.programme.nameZh);
  lines.push(t('assets.programme.shelf', {
    capacity: formatMoney(r.shelf.capacity), from: r.shelf.registeredOn, to: r.shelf.expiresOn, count: r.issues.length,
    issued: formatMoney(r.shelf.issued), remaining: formatMoney(r.shelf.remaining),
    maxIssues: r.shelf.maxIssues === null ? '' : t('assets.programme.maxIssues', { n: r.shelf.maxIssues, left: r.shelf.issuesLeft ?? 0 }),
  }), '');
  lines.push(textTable(
    [t('assets.programme.issue'), t('assets.programme.deal'), t('assets.programme.date'), t('assets.programme.maturity'), t('assets.programme.size'), t('assets.programme.coupon'), t('assets.programme.cumulative')],
    r.issues.map((x) => [String(x.number), x.id, x.issueDate, x.maturityDate, formatMoney(x.size), x.seniorCoupon === null ? '—' : formatRate(x.seniorCoupon), formatMoney(x.cumulative)]),
  ));
  if (r.exposures.length) {
    lines.push('', t('assets.programme.exposureTitle'));
    lines.push(textTable(
      [t('assets.programme.party'), t('assets.programme.capacity'), t('assets.programme.peak'), t('assets.programme.capped'), t('assets.programme.byIssue')],
      r.exposures.map((e) => [e.id, formatMoney(e.sharedCapacity), `${formatMoney(e.peak.total)} (${e.peak.date})`, formatMoney(e.peak.capped), e.issues.map((x) => `${x.issue} ${formatMoney(x.atIssue)}`).join('; ')]),
    ));
  }
  const s = r.simulation;
  if (s && s.parties.length) {
    lines.push('', t('assets.programme.simTitle', { paths: s.paths, seed: String(s.seed), names: s.names, shared: s.sharedNames }));
    lines.push(textTable(
      [t('assets.programme.party'), t('assets.programme.expected'), t('assets.programme.q99'), t('assets.programme.q999'), t('assets.programme.exhausted'), t('assets.programme.defaults')],
      s.parties.map((p) => [
        p.id, pm(p.expectedPaid, formatMoney),
        `${formatMoney(p.paidQuantiles['0.99'].value)} (${formatMoney(p.paidQuantiles['0.99'].ci95[0])}–${formatMoney(p.paidQuantiles['0.99'].ci95[1])})`,
        `${formatMoney(p.paidQuantiles['0.999'].value)} (${formatMoney(p.paidQuantiles['0.999'].ci95[0])}–${formatMoney(p.paidQuantiles['0.999'].ci95[1])})`,
        pm(p.exhaustionProbability, pct), pm(p.defaultProbability, pct),
      ]),
    ));
    lines.push('', t('assets.programme.issueLosses'));
    for (const x of s.issues) {
      lines.push(`  ${x.id}: ${t('assets.programme.poolLoss')} ${pm(x.poolExpectedLossRate, (v) => `${(v * 100).toFixed(4)}%`)}; ${x.tranches.map((tr) => `${t('assets.programme.trancheLoss', { id: tr.id })} ${pm(tr.expectedLossRate, (v) => `${(v * 100).toFixed(5)}%`)}`).join('; ')}`);
    }
  }
  return lines.join('\n');
}

export async function programmeCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { paths: 'value', seed: 'value', json: 'bool' });
  const file = args.positional[0];
  if (!file) throw new UsageError('programme needs a programme file (e.g. programmes/yuhang-shelf.json)');
  const lang = ioLang(io);
  const paths = flagInt(args, 'paths', 20_000, 0, 10_000_000);
  const seedRaw = flagString(args, 'seed') ?? '1';
  const seed = /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw;
  const r = loadProgrammeFile(file);
  if (!r.ok) {
    io.err(`${file} is not a valid programme:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }
  const report = programmeReport(r.value, { paths, seed });
  io.out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatProgramme(report, translator(lang)));
  return 0;
}
