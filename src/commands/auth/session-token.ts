import { createHash, randomBytes } from "node:crypto";

/** A fresh random token for a cookie or a form (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps of a session token: its SHA-256, never the token itself. */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
