import { isIP } from "node:net";
import type { Context } from "hono";
import type { TrustedProxies } from "./trusted-proxies.ts";

/** Who sent a request, as far as this server can tell. */
export interface ClientAddress {
  /** The client's IP address, or `local` when the request did not come over a socket (tests). */
  address: string;
  /** Whether the client's request came over HTTPS (to us, or to the trusted proxy in front). */
  https: boolean;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`, so that one client is counted under one address. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  return mapped?.[1] ?? address;
}

/** The socket peer's address from `@hono/node-server`'s bindings; undefined under `app.request`. */
function peerOf(c: Context): string | undefined {
  const env = c.env as
    | { incoming?: { socket?: { remoteAddress?: string } }; server?: unknown }
    | undefined;
  const bindings = (env?.server ?? env) as typeof env;
  return bindings?.incoming?.socket?.remoteAddress;
}

/**
 * The client's address and whether it used HTTPS. `X-Forwarded-For` and `X-Forwarded-Proto` are
 * believed only when the socket's peer is a trusted proxy; then the client is the right-most
 * address of `X-Forwarded-For` that is not itself a trusted proxy (what a client writes in the
 * header itself stands to the left of what our proxies append, so it is never taken), and
 * HTTPS is the right-most value of `X-Forwarded-Proto` (set by the nearest proxy).
 * @example const { address, https } = clientAddress(c, trustedProxies());
 */
export function clientAddress(c: Context, proxies: TrustedProxies): ClientAddress {
  const direct = new URL(c.req.url).protocol === "https:";
  const peerRaw = peerOf(c);
  if (peerRaw === undefined) return { address: "local", https: direct };
  const peer = plain(peerRaw);
  if (!proxies.trusts(peer)) return { address: peer, https: direct };

  let address = peer;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => plain(hop.trim()))
    .filter((hop) => hop !== "");
  for (const hop of hops.reverse()) {
    // Not an address: we cannot tell who put it there, so the last proxy we trust is the client.
    if (isIP(hop) === 0) break;
    address = hop;
    if (!proxies.trusts(hop)) break;
  }
  const proto = (c.req.header("x-forwarded-proto") ?? "").split(",").at(-1)?.trim().toLowerCase();
  return { address, https: direct || proto === "https" };
}
