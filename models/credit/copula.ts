// Latent-variable default models (潜变量违约模型 / copula). Every name — obligor (债务人) or
// counterparty such as the shortfall-payment undertaker (差额支付承诺人), a guarantor (担保人)
// or the servicer — has a latent "asset value" X_i; it defaults by time t when X_i falls below
// the threshold that reproduces its cumulative default probability by t (see default-times.ts).
// The names are correlated through shared systematic factors:
//
//   gaussian  X_i = √ρ_i M + √(1−ρ_i) ε_i                         (one factor, Vasicek/Li)
//   t         X_i = (√ρ_i M + √(1−ρ_i) ε_i) / √(W/ν),  W ~ χ²_ν    (W shared by all names of a path)
//   sector    X_i = √ρ_inter G + √(ρ_intra − ρ_inter) S_k(i) + √(1−ρ_intra) ε_i
//
// with M, G, S_k, ε_i independent standard normals. In the sector model two names of the same
// sector have correlation ρ_intra and names of different sectors ρ_inter. In the t copula the
// common divisor makes joint extreme defaults more likely (tail dependence) at the same ρ.
//
// Per path the random draws are, in this order: the systematic factors (M; or G then S_1 … S_K
// in sector order), then W for the t copula, then one uniform per name in name order
// (ε_i = Φ⁻¹(u_i)). Importance sampling shifts M (or G) to N(μ, 1) and reports the likelihood
// ratio exp(−μM + μ²/2) as the path weight.
import type { RandomSource } from './rng.js';
import { inverseNormalCdf, sampleChiSquare } from './normal.js';

export type CopulaSpec =
  | { kind: 'gaussian'; rho: number }
  | { kind: 't'; rho: number; nu: number }
  | { kind: 'sector'; intra: number; inter: number };

/** A name in the copula. */
export interface CopulaName {
  id: string;
  /** Sector, required by the sector copula (counterparties typically get their own, e.g. "guarantor"). */
  sector?: string;
  /** Gaussian and t copulas: this name's own factor loading ρ_i instead of the copula's ρ. */
  rho?: number;
}

/** A correlation in [0, 1): ρ = 1 would leave no idiosyncratic risk and make thresholds degenerate. */
function correlationProblem(field: string, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    return `${field}: must be a correlation in [0, 1), got ${JSON.stringify(value)}`;
  }
  return null;
}

/** Problems with a copula specification, as messages naming the field ([] when valid). */
export function copulaProblems(spec: CopulaSpec): string[] {
  const problems: string[] = [];
  const push = (p: string | null) => {
    if (p) problems.push(p);
  };
  switch (spec.kind) {
    case 'gaussian':
      push(correlationProblem('copula.rho', spec.rho));
      break;
    case 't':
      push(correlationProblem('copula.rho', spec.rho));
      if (typeof spec.nu !== 'number' || !(spec.nu > 2) || !Number.isFinite(spec.nu)) {
        problems.push(`copula.nu: degrees of freedom must be a number greater than 2 (finite variance), got ${JSON.stringify(spec.nu)}`);
      }
      break;
    case 'sector': {
      const a = correlationProblem('copula.intra', spec.intra);
      const b = correlationProblem('copula.inter', spec.inter);
      push(a);
      push(b);
      if (!a && !b && spec.inter > spec.intra) {
        problems.push(
          `copula.inter: the correlation across sectors (${spec.inter}) cannot exceed the correlation within a sector (copula.intra = ${spec.intra})`,
        );
      }
      break;
    }
    default:
      problems.push(`copula.kind: must be one of gaussian, t, sector, got ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
  return problems;
}

/** Throw one error listing every problem with the copula and the names. */
export function validateCopula(spec: CopulaSpec, names: readonly CopulaName[]): void {
  const problems = copulaProblems(spec);
  names.forEach((n, i) => {
    if (n.rho !== undefined) {
      if (spec.kind === 'sector') {
        problems.push(`names[${i}].rho: a name's own correlation applies to the gaussian and t copulas; the sector copula uses copula.intra and copula.inter`);
      } else {
        const p = correlationProblem(`names[${i}].rho`, n.rho);
        if (p) problems.push(p);
      }
    }
    if (spec.kind === 'sector' && (typeof n.sector !== 'string' || n.sector.length === 0)) {
      problems.push(`names[${i}].sector: the sector copula needs every name's sector (name "${n.id}" has none)`);
    }
  });
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

/**
 * The compiled latent-variable structure. Names that load on the systematic factors the same
 * way form a GROUP (gaussian/t: same ρ_i; sector: same sector); per path the model holds each
 * group's systematic term (√ρ M, or √ρ_inter G + √(ρ_intra−ρ_inter) S_k) and the t scale
 * √(W/ν), so that X_i = (systematic[g] + idiosyncratic[g]·ε_i) / scale.
 */
export class LatentFactorModel {
  readonly kind: CopulaSpec['kind'];
  readonly nameCount: number;
  /** Loading group of each name. */
  readonly groupOf: Int32Array;
  /** Coefficient of ε in each group: √(1−ρ). */
  readonly idiosyncratic: Float64Array;
  /** Sector names in factor order (sector copula), else []. */
  readonly sectors: readonly string[];
  /** Standard-normal systematic factors per path: 1 (M), or 1 + sectors (G, S_1 … S_K). */
  readonly factorCount: number;

  // ---- per-path state, overwritten by drawSystematic ----
  /** The systematic factors of the current path (M; or G, S_1 … S_K). */
  readonly factors: Float64Array;
  /** Each group's systematic term for the current path. */
  readonly systematic: Float64Array;
  /** √(W/ν) for the t copula, 1 otherwise. */
  scale = 1;
  /** Likelihood-ratio weight of the current path (1 without importance sampling). */
  weight = 1;

  private readonly groupLoading: Float64Array; // gaussian/t: √ρ_g; sector: √(intra−inter)
  private readonly groupSector: Int32Array; // sector copula: factor index of the group's sector
  private readonly globalLoading: number; // sector: √inter
  private readonly nu: number;

  constructor(readonly spec: CopulaSpec, names: readonly CopulaName[]) {
    validateCopula(spec, names);
    this.kind = spec.kind;
    this.nameCount = names.length;
    this.groupOf = new Int32Array(names.length);
    const keyToGroup = new Map<string, number>();
    const loadings: number[] = [];
    const idio: number[] = [];
    const groupSector: number[] = [];
    if (spec.kind === 'sector') {
      const sectors: string[] = [];
      names.forEach((n, i) => {
        const s = n.sector!;
        let g = keyToGroup.get(s);
        if (g === undefined) {
          g = sectors.length;
          keyToGroup.set(s, g);
          sectors.push(s);
          loadings.push(Math.sqrt(spec.intra - spec.inter));
          idio.push(Math.sqrt(1 - spec.intra));
          groupSector.push(1 + g);
        }
        this.groupOf[i] = g;
      });
      this.sectors = sectors;
      this.factorCount = 1 + sectors.length;
      this.globalLoading = Math.sqrt(spec.inter);
      this.nu = Infinity;
    } else {
      names.forEach((n, i) => {
        const rho = n.rho ?? spec.rho;
        const key = String(rho);
        let g = keyToGroup.get(key);
        if (g === undefined) {
          g = loadings.length;
          keyToGroup.set(key, g);
          loadings.push(Math.sqrt(rho));
          idio.push(Math.sqrt(1 - rho));
          groupSector.push(0);
        }
        this.groupOf[i] = g;
      });
      this.sectors = [];
      this.factorCount = 1;
      this.globalLoading = 0;
      this.nu = spec.kind === 't' ? spec.nu : Infinity;
    }
    this.groupLoading = Float64Array.from(loadings);
    this.idiosyncratic = Float64Array.from(idio);
    this.groupSector = Int32Array.from(groupSector);
    this.factors = new Float64Array(this.factorCount);
    this.systematic = new Float64Array(loadings.length);
  }

  get groupCount(): number {
    return this.systematic.length;
  }

  /** The global systematic factor of the current path (M, or G for the sector copula); low = bad year. */
  get globalFactor(): number {
    return this.factors[0]!;
  }

  /**
   * Draw the systematic part of one path. `shift` μ moves the global factor to N(μ, 1)
   * (importance sampling); the returned likelihood ratio exp(−μM + μ²/2) is also kept in `weight`.
   */
  drawSystematic(rng: RandomSource, shift = 0): number {
    const f = this.factors;
    const m = shift + rng.normal();
    f[0] = m;
    for (let k = 1; k < f.length; k++) f[k] = rng.normal();
    this.scale = this.kind === 't' ? Math.sqrt(sampleChiSquare(rng, this.nu) / this.nu) : 1;
    const sys = this.systematic;
    if (this.kind === 'sector') {
      const global = this.globalLoading * m;
      for (let g = 0; g < sys.length; g++) sys[g] = global + this.groupLoading[g]! * f[this.groupSector[g]!]!;
    } else {
      for (let g = 0; g < sys.length; g++) sys[g] = this.groupLoading[g]! * m;
    }
    this.weight = shift === 0 ? 1 : Math.exp(-shift * m + 0.5 * shift * shift);
    return this.weight;
  }

  /** X_i for every name of the current path: one uniform per name, in name order. */
  sampleLatent(rng: RandomSource, out: Float64Array): void {
    if (out.length < this.nameCount) throw new RangeError(`latent output: needs room for ${this.nameCount} names, got ${out.length}`);
    const scale = this.scale;
    for (let i = 0; i < this.nameCount; i++) {
      const g = this.groupOf[i]!;
      out[i] = (this.systematic[g]! + this.idiosyncratic[g]! * inverseNormalCdf(rng.uniform())) / scale;
    }
  }
}

/** Compile a copula for the given names (validates; throws RangeError listing every problem). */
export function createLatentFactorModel(spec: CopulaSpec, names: readonly CopulaName[]): LatentFactorModel {
  return new LatentFactorModel(spec, names);
}
