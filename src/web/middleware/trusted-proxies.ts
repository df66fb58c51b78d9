import { BlockList, isIP } from "node:net";
import { ShinchokuError } from "../../domain/errors.ts";

/** The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed. */
export interface TrustedProxies {
  /** The setting as given, for messages and logs. */
  readonly setting: string;
  /** Whether an address (IPv4, IPv6 or IPv4-mapped IPv6) is one of the trusted proxies. */
  trusts(address: string): boolean;
}

/**
 * The trusted proxies from `SHINCHOKU_TRUSTED_PROXIES` (the only place it is read): IP addresses
 * and CIDR ranges separated by commas, e.g. `127.0.0.1,10.0.0.0/8,fd00::/8`. Empty or unset
 * trusts nobody: the forwarded headers are then ignored and the socket's peer is the client.
 * @throws ShinchokuError `invalid_config` naming the entry that is not an address or range.
 * @example trustedProxies({ SHINCHOKU_TRUSTED_PROXIES: "127.0.0.1" }).trusts("::ffff:127.0.0.1") // true
 */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): TrustedProxies {
  const setting = env.SHINCHOKU_TRUSTED_PROXIES?.trim() ?? "";
  const list = new BlockList();
  for (const entry of setting.split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const [address = "", prefixText, ...rest] = entry.split("/");
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (
      version === 0 ||
      rest.length > 0 ||
      (prefixText !== undefined && !/^\d{1,3}$/u.test(prefixText)) ||
      prefix > bits
    ) {
      throw new ShinchokuError(
        "invalid_config",
        `「${entry}」は IP アドレスでも CIDR（例 10.0.0.0/8）でもありません。カンマ区切りで指定してください（空なら転送ヘッダーを信頼しません）`,
        { field: "SHINCHOKU_TRUSTED_PROXIES" },
      );
    }
    list.addSubnet(address, prefix, version === 4 ? "ipv4" : "ipv6");
  }
  return {
    setting,
    trusts: (address) => {
      const version = isIP(address);
      return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
    },
  };
}
