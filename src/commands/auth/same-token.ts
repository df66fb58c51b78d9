import { timingSafeEqual } from "node:crypto";

/** Whether two tokens are equal, in constant time (an absent or empty one equals nothing). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
