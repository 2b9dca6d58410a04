// 内部收益率 XIRR: the annual rate r that makes the present value of dated cash flows zero,
//     Σ aᵢ · (1 + r)^(−tᵢ) = 0,   tᵢ = (dateᵢ − first date) / 365   (ACT/365F),
// the all-in cost of funding when the flows are what a firm receives (+) and pays (−).
// Newton's method from 5%; if it fails or leaves r > −1, bisection on the first bracket found on
// a grid from −99.9% to 10,000%. With several sign changes there may be several roots: the one
// nearest the Newton start (or the lowest bracketed one) is returned.
import { Decimal } from 'decimal.js';
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';

export interface DatedAmount {
  date: IsoDate;
  amount: number | string | Decimal;
}

interface Prepared {
  t: Float64Array;
  a: Float64Array;
}

function prepare(flows: readonly DatedAmount[]): Prepared {
  if (!Array.isArray(flows) || flows.length < 2) {
    throw new Error(`flows: need at least two dated amounts to find a rate, got ${Array.isArray(flows) ? flows.length : typeof flows}`);
  }
  const days = flows.map((f, i) => dayNumber(checkDate(f.date, `flows[${i}].date`)));
  const amounts = flows.map((f, i) => {
    const x = f.amount instanceof Decimal ? f.amount.toNumber() : Number(f.amount);
    if (!Number.isFinite(x)) throw new Error(`flows[${i}].amount: must be a finite number, got ${JSON.stringify(String(f.amount))}`);
    return x;
  });
  const hasPos = amounts.some((x) => x > 0);
  const hasNeg = amounts.some((x) => x < 0);
  if (!hasPos || !hasNeg) {
    throw new Error(
      `flows: no sign change, so no rate exists: the amounts must include money received (positive) and money paid (negative), got ${hasPos ? 'only positive' : hasNeg ? 'only negative' : 'only zero'} amounts`,
    );
  }
  const d0 = Math.min(...days);
  const scale = Math.max(...amounts.map(Math.abs));
  return {
    t: Float64Array.from(days, (d) => (d - d0) / 365),
    a: Float64Array.from(amounts, (x) => x / scale),
  };
}

function npvOf(p: Prepared, r: number): number {
  const v = Math.log1p(r);
  let s = 0;
  for (let i = 0; i < p.t.length; i++) s += (p.a[i] as number) * Math.exp(-(p.t[i] as number) * v);
  return s;
}

function dnpvOf(p: Prepared, r: number): number {
  const v = Math.log1p(r);
  let s = 0;
  for (let i = 0; i < p.t.length; i++) {
    const t = p.t[i] as number;
    s -= t * (p.a[i] as number) * Math.exp(-(t + 1) * v);
  }
  return s;
}

/** Net present value of the flows at annual rate r (ACT/365F from the first date). */
export function npv(flows: readonly DatedAmount[], r: number): number {
  if (!(r > -1)) throw new Error(`r: must be greater than -1, got ${r}`);
  const days = flows.map((f, i) => dayNumber(checkDate(f.date, `flows[${i}].date`)));
  const d0 = Math.min(...days);
  return flows.reduce((s, f, i) => s + Number(f.amount instanceof Decimal ? f.amount.toNumber() : f.amount) * Math.pow(1 + r, -((days[i] as number) - d0) / 365), 0);
}

const GRID = [-0.999, -0.99, -0.9, -0.5, -0.2, -0.1, 0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100];

/** The annual internal rate of return of dated flows, ACT/365F. Throws when no rate exists. */
export function xirr(flows: readonly DatedAmount[], guess = 0.05): number {
  const p = prepare(flows);
  // Newton
  let r = guess;
  for (let k = 0; k < 60; k++) {
    const f = npvOf(p, r);
    const df = dnpvOf(p, r);
    if (!Number.isFinite(f) || !Number.isFinite(df) || df === 0) break;
    const next = r - f / df;
    if (!(next > -1) || !Number.isFinite(next)) break;
    if (Math.abs(next - r) < 1e-13 * Math.max(1, Math.abs(r))) {
      if (Math.abs(npvOf(p, next)) < 1e-10) return next;
      break;
    }
    r = next;
  }
  // Bisection on the first bracket of the grid
  let lo = NaN;
  let hi = NaN;
  for (let i = 1; i < GRID.length; i++) {
    const a = GRID[i - 1] as number;
    const b = GRID[i] as number;
    const fa = npvOf(p, a);
    const fb = npvOf(p, b);
    if (fa === 0) return a;
    if (Math.sign(fa) !== Math.sign(fb)) {
      lo = a;
      hi = b;
      break;
    }
  }
  if (Number.isNaN(lo)) {
    throw new Error('flows: no annual rate between -99.9% and 10,000% sets their present value to zero');
  }
  let flo = npvOf(p, lo);
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = (lo + hi) / 2;
    const fm = npvOf(p, mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
