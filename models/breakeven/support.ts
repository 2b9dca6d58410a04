// Credit substitution (信用替代): which enhancements cover a tranche's interest and principal, whether
// one alone carries it through a total loss of the pool (the waterfall run with the pool paying
// nothing and only that enhancement's parties paying), and the floor its providers' own domestic
// ratings lend it — the weakest party's, since each pays only its share (按份责任).
import type { DealProgram } from '../engine/program.js';
import { exactNum } from '../money/num.js';
import { createLedger, runWaterfall } from '../engine/waterfall.js';
import { floorFromIssuerGrade, gradeRank, type DomesticGrade, type IssuerGrade } from '../ratings/domestic-scale.js';
import { paidInFull } from './default-run.js';

export interface SupportReport {
  enhancements: Array<{
    id: string;
    kind: string;
    /** Alone, it pays everything the tranche is promised (and what ranks ahead in its cover) when the pool pays nothing. */
    fullCover: boolean;
    parties: Array<{ id: string; name: string; domesticRating: IssuerGrade | null }>;
    /** The floor it lends: the weakest party's rating as a grade, if it covers fully and every party is rated. */
    floor: DomesticGrade | null;
  }>;
  /** The best floor of the tranche's enhancements. */
  floor: DomesticGrade | null;
}

/** Enhancement indices whose cover-shortfall step covers tranche t's interest and principal. */
function coveringEnhancements(prog: DealProgram, t: number): number[] {
  const out = new Set<number>();
  for (const steps of [prog.normalSteps, prog.triggerSteps ?? []]) {
    for (const st of steps) {
      if (st.type !== 'cover-shortfall' || !st.interest.includes(t) || !st.principal.includes(t)) continue;
      for (const src of st.sources) if (src.type === 'enhancement') out.add(src.index);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Whether enhancement e alone pays tranche t in full when the pool pays nothing at all. */
function coversFully(prog: DealProgram, t: number, e: number): boolean {
  const enh = prog.enhancements[e]!;
  const dead = Float64Array.from(prog.parties, (_, k) => (k >= enh.firstParty && k < enh.firstParty + enh.parties.length ? Infinity : 0));
  const L = runWaterfall(prog, exactNum, { collections: exactNum.vector(prog.periods.length), partyDefaultPeriod: dead }, createLedger(prog, exactNum));
  return paidInFull(prog, exactNum, L, t);
}

export function supportOf(prog: DealProgram, t: number): SupportReport | null {
  const idx = coveringEnhancements(prog, t);
  if (idx.length === 0) return null;
  const enhancements = idx.map((e) => {
    const enh = prog.enhancements[e]!;
    const fullCover = coversFully(prog, t, e);
    const parties = enh.parties.map((p) => ({ id: p.id, name: p.name, domesticRating: p.domesticRating ?? null }));
    let floor: DomesticGrade | null = null;
    if (fullCover && parties.length > 0 && parties.every((p) => p.domesticRating !== null)) {
      // Several liability (按份责任): every party must pay its share, so the weakest one sets the floor.
      const floors = parties.map((p) => floorFromIssuerGrade(p.domesticRating!));
      floor = floors.some((f) => f === null) ? null : floors.reduce((w, f) => (gradeRank(f!) > gradeRank(w!) ? f : w))!;
    }
    return { id: enh.id, kind: enh.kind, fullCover, parties, floor };
  });
  const floors = enhancements.flatMap((e) => (e.floor ? [e.floor] : []));
  const floor = floors.length ? floors.reduce((b, f) => (gradeRank(f) < gradeRank(b) ? f : b)) : null;
  return { enhancements, floor };
}
