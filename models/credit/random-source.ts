// What the samplers need from a random stream (随机数流). Its own file so that the normal
// distribution (normal.ts, whose samplers draw from a stream) and the streams (rng.ts, whose
// normal() inverts the normal CDF) do not import each other.

export interface RandomSource {
  /** Uniform on (0, 1): never 0, never 1. */
  uniform(): number;
  /** Standard normal, by inversion of one uniform. */
  normal(): number;
  /**
   * The next n uniforms (the same numbers as n calls of uniform()), keeping only the few below a level: for
   * each i in order with u_i < level[classOf[i]], i goes to `who` and u_i to `kept`. Returns how many.
   */
  drawBelow(level: Float64Array, classOf: Int32Array, n: number, who: Int32Array, kept: Float64Array): number;
}
