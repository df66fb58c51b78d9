import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt with N=2^15, r=8, p=1: 32 MiB per hash, memory-hard (OWASP's minimum is N=2^17 for r=8… p=1 at 128 MiB; 32 MiB keeps logins under ~100 ms on a 2-core server). */
const N = 2 ** 15;
/** The cost the test runner asks for: see `passwordHashCost`. */
const TEST_N = 2 ** 10;

/**
 * The scrypt cost N for new hashes: 2^15, except in the test runner's processes, which set
 * `SHINCHOKU_TEST_PASSWORD_COST=low` (2^10, a millisecond instead of ~100 ms: the suite hashes and
 * verifies over a thousand passwords). Verification always uses the cost stored in the hash, so
 * the code path is the same; a test pins the default. Never set it on a server.
 */
export function passwordHashCost(env: NodeJS.ProcessEnv = process.env): number {
  return env.SHINCHOKU_TEST_PASSWORD_COST === "low" ? TEST_N : N;
}
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 256 * n * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/**
 * Hash a password for storage: `scrypt$N$r$p$salt$hash` (base64), so parameters can rise later.
 * @example const stored = await hashPassword("correct horse battery staple");
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const n = passwordHashCost();
  const key = await derive(password, salt, n, R, P);
  return ["scrypt", n, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Whether a password matches a stored hash, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
