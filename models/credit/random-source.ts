// What the samplers need from a random stream (随机数流). Its own file so that the normal
// distribution (normal.ts, whose samplers draw from a stream) and the streams (rng.ts, whose
// normal() inverts the normal CDF) do not import each other.

export interface RandomSource {
  /** Uniform on (0, 1): never 0, never 1. */
  uniform(): number;
  /** Standard normal, by inversion of one uniform. */
  normal(): number;
}
