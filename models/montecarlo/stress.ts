// Stresses: a default-probability multiplier, a recovery multiplier, a correlation shift and, for
// revolving deals, a purchase-rate multiplier (循环购买率), named in the deal (`stresses`) or written
// on the command line: `pd=2x,recovery=0.5x,rho=+0.1,purchase=0.5x`.
import type { Deal } from '../deal-format/schema.js';
import { echo } from '../format.js';

export interface StressSpec {
  name: string;
  pdMultiplier: number;
  recoveryMultiplier: number;
  rhoShift: number;
  /** Multiplies a revolving deal's purchase rate (absent: 1, as the deal says). */
  purchaseRateMultiplier?: number;
}

export const NO_STRESS: StressSpec = { name: 'base', pdMultiplier: 1, recoveryMultiplier: 1, rhoShift: 0 };

const KEYS = ['pd', 'recovery', 'rho', 'purchase'] as const;

/**
 * Parse a stress: a name from the deal's `stresses`, or `pd=2x,recovery=0.5x,rho=+0.1`
 * (pd multiplier 0-100, recovery multiplier 0-10, rho shift -1..1), or "base".
 */
export function parseStress(text: string, deal: Deal): StressSpec {
  const t = text.trim();
  if (t === '' || t === 'base') return NO_STRESS;
  const named = deal.stresses?.find((s) => s.name === t);
  if (named) {
    return { name: named.name, pdMultiplier: named.pdMultiplier ?? 1, recoveryMultiplier: named.recoveryMultiplier ?? 1, rhoShift: named.rhoShift ?? 0, ...(named.purchaseRateMultiplier === undefined ? {} : { purchaseRateMultiplier: named.purchaseRateMultiplier }) };
  }
  if (!t.includes('=')) {
    const names = (deal.stresses ?? []).map((s) => `"${s.name}"`).join(', ') || 'none in this deal';
    throw new RangeError(`stress: unknown stress ${echo(t)} (named stresses: ${names}; or write pd=2x,recovery=0.5x,rho=+0.1)`);
  }
  const out: StressSpec = { ...NO_STRESS, name: t };
  for (const part of t.split(',')) {
    const [key, raw] = part.split('=').map((s) => s.trim()) as [string, string | undefined];
    if (!(KEYS as readonly string[]).includes(key) || raw === undefined || (key === 'purchase' && !deal.revolving)) {
      throw new RangeError(`stress: unknown stress setting ${echo(part)} (allowed: pd=<multiplier>x, recovery=<multiplier>x, rho=<+/-shift>${deal.revolving ? ', purchase=<multiplier>x' : ''})`);
    }
    if (key === 'rho') {
      const v = Number(raw);
      if (!/^[+-]?\d*\.?\d+$/.test(raw) || !(v > -1 && v < 1)) throw new RangeError(`stress: rho shift must be a number between -1 and 1 such as +0.1, got ${echo(raw)}`);
      out.rhoShift = v;
    } else {
      const m = /^(\d*\.?\d+)x?$/.exec(raw);
      const v = m ? Number(m[1]) : NaN;
      const max = key === 'pd' ? 100 : key === 'purchase' ? 1 : 10;
      if (!(v >= 0 && v <= max)) throw new RangeError(`stress: ${key} multiplier must be between 0 and ${max} such as ${key === 'purchase' ? '0.5x' : '2x'}, got ${echo(raw)}`);
      if (key === 'pd') out.pdMultiplier = v;
      else if (key === 'purchase') out.purchaseRateMultiplier = v;
      else out.recoveryMultiplier = v;
    }
  }
  return out;
}
