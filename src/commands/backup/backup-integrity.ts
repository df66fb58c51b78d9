import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from "node:crypto";
import { ShinchokuError } from "../../domain/errors.ts";
import type { BackupIntegrity } from "./backup-format.ts";

/** The shortest `SHINCHOKU_BACKUP_KEY` accepted: 32 characters (`openssl rand -hex 32` gives 64). */
export const MIN_BACKUP_KEY_LENGTH = 32;

/** How a restore may trust a backup: the operator's key, and whether unsigned files may pass. */
export interface BackupTrust {
  /** `SHINCHOKU_BACKUP_KEY`: backups are signed with it, and restores verify with it. */
  key?: string | undefined;
  /** Restore a backup without a signature although a key is set (said loudly). */
  allowUnsigned?: boolean | undefined;
}

/**
 * The digest of a backup's content: every line before the closing line, each with its line
 * break, as UTF-8. SHA-256 always (it detects a damaged file); HMAC-SHA-256 with the operator's
 * key when one is set (it detects an edited file: without the key nobody can make it match).
 * @example const digest = new BackupDigest(key); digest.update(line); digest.result();
 */
export class BackupDigest {
  private readonly sha256: Hash = createHash("sha256");
  private readonly hmac: Hmac | null;

  constructor(key?: string) {
    this.hmac = key ? createHmac("sha256", key) : null;
  }

  update(line: string): void {
    this.sha256.update(line).update("\n");
    this.hmac?.update(line).update("\n");
  }

  result(): BackupIntegrity {
    const sha256 = this.sha256.digest("hex");
    return this.hmac ? { sha256, hmac_sha256: this.hmac.digest("hex") } : { sha256 };
  }
}

/** A checked backup: the digest of its content, and what could not be verified. */
export interface VerifiedIntegrity {
  sha256: string;
  /** "verified": the key's HMAC matched; otherwise why the file's origin is not proven. */
  signature: "verified" | "not-checked" | "unsigned" | "old-format";
  warnings: string[];
}

/**
 * Compare the closing line's integrity section with the content read. A damaged or edited
 * file, a signature made with another key, and (with a key set) an unsigned file are refused,
 * naming the closing line; what could not be verified is returned as warnings.
 * @throws ShinchokuError `invalid_input` located at the closing line.
 */
export function verifyIntegrity(
  computed: BackupIntegrity,
  stated: BackupIntegrity | undefined,
  version: number,
  trust: BackupTrust,
  at: { file: string; line: number },
): VerifiedIntegrity {
  const refuse = (message: string): never => {
    throw new ShinchokuError("invalid_input", message, at);
  };
  if (!stated) {
    if (version >= 2)
      refuse(
        "終わりの行に完全性の記録（integrity）がありません: ファイルが壊れているか、書き換えられています",
      );
    return unsigned(computed.sha256, trust, "old-format", refuse);
  }
  if (!sameHex(stated.sha256, computed.sha256))
    refuse(
      "バックアップの内容が終わりの行の SHA-256 と合いません: ファイルが壊れているか、書き換えられています",
    );
  if (stated.hmac_sha256 === undefined) return unsigned(computed.sha256, trust, "unsigned", refuse);
  if (!trust.key)
    return {
      sha256: computed.sha256,
      signature: "not-checked",
      warnings: [
        "警告: このバックアップには鍵による署名がありますが、SHINCHOKU_BACKUP_KEY が設定されていないため確かめていません（SHA-256 で壊れていないことだけを確かめました）",
      ],
    };
  if (!sameHex(stated.hmac_sha256, computed.hmac_sha256 ?? ""))
    refuse(
      "鍵による署名（HMAC-SHA-256）が合いません: 作った後に書き換えられたか、SHINCHOKU_BACKUP_KEY と違う鍵で作られたバックアップです",
    );
  return { sha256: computed.sha256, signature: "verified", warnings: [] };
}

function unsigned(
  sha256: string,
  trust: BackupTrust,
  signature: "unsigned" | "old-format",
  refuse: (message: string) => never,
): VerifiedIntegrity {
  const what =
    signature === "old-format"
      ? "完全性の記録のない古い形式のバックアップ"
      : "鍵による署名のないバックアップ";
  if (trust.key && !trust.allowUnsigned)
    refuse(
      `${what}です。SHINCHOKU_BACKUP_KEY が設定されているので復元しません（出どころを確かめた上で復元するときだけ --allow-unsigned を付けてください）`,
    );
  const warning = trust.key
    ? `警告: ${what}を --allow-unsigned で復元します。書き換えられていないことは確かめられていません`
    : signature === "old-format"
      ? `警告: ${what}です。壊れていないこと、書き換えられていないことは確かめられていません`
      : `警告: ${what}です（SHINCHOKU_BACKUP_KEY が未設定）。SHA-256 で壊れていないことだけを確かめました`;
  return { sha256, signature, warnings: [warning] };
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
