import { createHmac, randomBytes } from "node:crypto";
import { sameToken } from "./same-token.ts";

const PURPOSE = "shinchoku login form v1";

const signature = (secret: Buffer, nonce: string) =>
  createHmac("sha256", secret).update(`${PURPOSE}\n${nonce}`).digest("base64url");

/**
 * The login form's double-submit token: a random nonce and its HMAC under the store's secret
 * (`nonce.signature`), sent both as a cookie and as a hidden field.
 * @example const token = loginFormToken(await serverSecret(store, "login-form"));
 */
export function loginFormToken(secret: Buffer): string {
  const nonce = randomBytes(24).toString("base64url");
  return `${nonce}.${signature(secret, nonce)}`;
}

/**
 * Whether a login post carries the same token in its cookie and its field, and that token was
 * signed with the store's secret: a cookie planted by a sibling subdomain, with a field to match,
 * is refused unless this server made it. Compared in constant time.
 */
export function isLoginFormToken(
  secret: Buffer,
  cookie: string | undefined,
  field: string | undefined,
): boolean {
  if (!sameToken(cookie, field) || cookie === undefined) return false;
  const [nonce, signed, ...rest] = cookie.split(".");
  if (!nonce || !signed || rest.length > 0) return false;
  return sameToken(signed, signature(secret, nonce));
}
