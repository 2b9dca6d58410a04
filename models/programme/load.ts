// Read and check a programme file: the file itself, each issue's deal file (resolved from the
// programme's folder and validated), and the rules of the shelf — issues within the window and
// under the capacity, no more than the issues allowed, in date order, numbered as the deals say,
// and shared parties that exist in the issues and are the same party in each.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal-format/schema.js';
import { formatPath, formatProblem, parseJson, resolvePointer, validateDealText, type Problem } from '../deal-format/validate.js';
import { enhancementKind } from '../enhancements/registry.js';
import type { EnhancementParty } from '../enhancements/common.js';
import { programmeSchema, type Programme } from './schema.js';
import { readDealText } from '../deal-format/load.js';

export interface ProgrammeIssue {
  /** The deal file as written in the programme, and where it was read from. */
  file: string;
  path: string;
  deal: Deal;
  /** Notes issued (the sum of the tranche balances). */
  size: Decimal;
}

export interface LoadedProgramme {
  programme: Programme;
  issues: ProgrammeIssue[];
}

export type ProgrammeResult = { ok: true; value: LoadedProgramme } | { ok: false; problems: Problem[] };

const fmtYuan = (d: Decimal) => d.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The parties of a deal's enhancements, by id (one entry per id). */
export function dealParties(deal: Deal): Map<string, EnhancementParty> {
  const out = new Map<string, EnhancementParty>();
  for (const e of deal.enhancements) for (const p of enhancementKind(e.kind).parties(e)) if (!out.has(p.id)) out.set(p.id, p);
  return out;
}

export function loadProgrammeFile(file: string): ProgrammeResult {
  const r = readDealText(file);
  return r.ok ? checkProgramme(r.text, dirname(resolve(file)), (p) => readFileSync(p, 'utf8')) : r;
}

/** Check a programme's text; issue files are read with `read` from paths resolved against `folder`. */
export function checkProgramme(text: string, folder: string, read: (path: string) => string): ProgrammeResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const r = programmeSchema.safeParse(parsed.value, { reportInput: true });
  if (!r.success) return { ok: false, problems: r.error.issues.map((iss) => ({ path: formatPath(iss.path), message: iss.message })) };
  const programme = r.data;
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const { shelf } = programme;
  if (shelf.expiresOn <= shelf.registeredOn) add('shelf.expiresOn', `must be after shelf.registeredOn (${shelf.registeredOn}), got ${shelf.expiresOn}`);

  const issues: ProgrammeIssue[] = [];
  programme.issues.forEach((x, i) => {
    const path = resolve(folder, x.deal);
    let body: string;
    try {
      body = read(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      add(`issues[${i}].deal`, code === 'ENOENT' ? `no such deal file: ${x.deal} (paths are relative to the programme file)` : `cannot read ${x.deal}: ${(err as Error).message}`);
      return;
    }
    const v = validateDealText(body);
    if (!v.ok) {
      for (const p of v.problems) add(`issues[${i}].deal`, `${x.deal} is not a valid deal: ${formatProblem(p)}`);
      return;
    }
    const size = v.deal.liabilities.tranches.reduce((s, t) => s.plus(t.balance), new Decimal(0));
    issues.push({ file: x.deal, path, deal: v.deal, size });
  });
  if (problems.length) return { ok: false, problems };

  // The shelf: window, capacity, count, order and numbering.
  const capacity = new Decimal(shelf.capacity);
  let issued = new Decimal(0);
  issues.forEach((iss, i) => {
    const m = iss.deal.meta;
    const at = `issues[${i}]`;
    if (m.issueDate < shelf.registeredOn) add(at, `${iss.file} is issued on ${m.issueDate}, before the shelf is registered (shelf.registeredOn ${shelf.registeredOn}); issues must fall in the shelf's window`);
    else if (m.issueDate > shelf.expiresOn) add(at, `${iss.file} is issued on ${m.issueDate}, after the shelf expires (shelf.expiresOn ${shelf.expiresOn}); issues must fall in the shelf's window`);
    const before = issued;
    issued = issued.plus(iss.size);
    if (issued.greaterThan(capacity)) add(at, `${iss.file} (${fmtYuan(iss.size)}) brings the shelf to ${fmtYuan(issued)}, above its capacity of ${fmtYuan(capacity)} (${fmtYuan(Decimal.max(0, capacity.minus(before)))} was left)`);
    const prev = issues[i - 1];
    if (prev && m.issueDate < prev.deal.meta.issueDate) add(at, `${iss.file} is issued on ${m.issueDate}, before the issue listed above it (${prev.deal.meta.issueDate}); list the issues in date order`);
    if (m.shelf) {
      if (m.shelf.issueNumber !== i + 1) add(at, `${iss.file} says it is issue ${m.shelf.issueNumber} of its shelf (meta.shelf.issueNumber) but is listed as issue ${i + 1}`);
      if (!new Decimal(m.shelf.capacity).equals(capacity)) add(at, `${iss.file} names a shelf of ${fmtYuan(new Decimal(m.shelf.capacity))} (meta.shelf.capacity), not this programme's ${fmtYuan(capacity)}`);
    }
    if (m.currency !== issues[0]!.deal.meta.currency) add(at, `${iss.file} is in ${m.currency}; every issue of a shelf is in the first issue's currency (${issues[0]!.deal.meta.currency})`);
    if (iss.deal.revolving) add(at, `${iss.file} has a revolving period; a programme's combined simulation does not run revolving issues yet (simulate the issue on its own)`);
  });
  // One copula for the programme: every issue must describe the same one.
  const copula = (d: Deal) => JSON.stringify(d.simulation ?? { copula: 'gaussian', rho: 0 });
  issues.forEach((iss, i) => {
    if (i > 0 && copula(iss.deal) !== copula(issues[0]!.deal)) add(`issues[${i}]`, `${iss.file} describes a different copula (simulation ${copula(iss.deal)}) from ${issues[0]!.file} (${copula(issues[0]!.deal)}); a programme draws its issues in one copula`);
  });
  // A party standing in several issues is one party: it defaults once.
  const firstSeen = new Map<string, { at: number; p: EnhancementParty }>();
  issues.forEach((iss, i) => {
    for (const [id, q] of dealParties(iss.deal)) {
      const f = firstSeen.get(id);
      if (!f) firstSeen.set(id, { at: i, p: q });
      else if (q.annualDefaultProbability !== f.p.annualDefaultProbability || (q.sector ?? null) !== (f.p.sector ?? null)) {
        add(`issues[${i}]`, `party "${id}" of ${iss.file} is not the same party as in ${issues[f.at]!.file}: its default probability and sector must match (one party defaults once)`);
      }
    }
  });
  if (shelf.maxIssues !== undefined && issues.length > shelf.maxIssues) add('issues', `has ${issues.length} issues, more than the shelf allows (shelf.maxIssues ${shelf.maxIssues})`);

  // Shared parties: each in some issue, the same party everywhere it stands.
  const seen = new Set<string>();
  programme.sharedParties.forEach((sp, j) => {
    const at = `sharedParties[${j}]`;
    if (seen.has(sp.id)) add(`${at}.id`, `duplicate party "${sp.id}" (each shared party once)`);
    seen.add(sp.id);
    const found = issues.map((iss) => dealParties(iss.deal).get(sp.id));
    const where = found.flatMap((p, i) => (p ? [i] : []));
    if (where.length === 0) {
      const all = [...new Set(issues.flatMap((iss) => [...dealParties(iss.deal).keys()]))];
      add(`${at}.id`, `no issue has a party "${sp.id}" (parties of the issues' enhancements: ${all.map((x) => `"${x}"`).join(', ') || 'none'})`);
      return;
    }
  });

  programme.provenance.forEach((pv, i) => {
    if (resolvePointer(parsed.value, pv.path) === undefined) add(`provenance[${i}].path`, `points at nothing in this programme: "${pv.path}" (a JSON Pointer to an existing field)`);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: { programme, issues } };
}
