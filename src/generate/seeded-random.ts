/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every machine and Node version, which `Math.random` does not. Not for secrets.
 * @example const random = new SeededRandom(seedOf(1, "plan", 3)); random.int(2, 6) // 2…6
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new RangeError("pick from an empty list");
    return values[Math.floor(this.next() * values.length)] as T;
  }

  /** `count` different values, in a random order (all of them when there are fewer). */
  sample<T>(values: readonly T[], count: number): T[] {
    const copy = [...values];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
}

/**
 * A 32-bit seed from a base seed and a path of names and numbers (FNV-1a), so each plan gets a
 * sequence of its own that does not depend on what was generated before it.
 * @example seedOf(42, "plan", "431001", 2)
 */
export function seedOf(base: number, ...path: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const ch of `${base}/${path.join("/")}`) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
