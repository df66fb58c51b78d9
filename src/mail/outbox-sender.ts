import nodemailer from "nodemailer";
import type { Store } from "../store/store.ts";
import type { Logger } from "../web/logging/json-logger.ts";
import type { MailSettings } from "./mail-settings.ts";

/** Sends one message; throws when the mail server refuses it or cannot be reached. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/**
 * An SMTP transport from the settings (nodemailer). Without `secure`, STARTTLS is used when the
 * server offers it, and required when credentials are set, so they never cross in clear.
 */
export function smtpTransport(settings: MailSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && settings.user !== null,
    ...(settings.user !== null
      ? { auth: { user: settings.user, pass: settings.password ?? "" } }
      : {}),
    tls: { minVersion: "TLSv1.2" },
    // A mail server that does not answer holds one sender for seconds, never a request.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        ...message,
        // Base64 keeps Japanese text at 4/3 of its size (quoted-printable triples it).
        textEncoding: "base64",
        // RFC 3834: no auto-replies (out of office) to an automatic message.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => transporter.close(),
  };
}

/** After this many failed attempts a message is given up (`failed`): about 8 hours of retries. */
export const MAX_ATTEMPTS = 10;
/** How long a claimed message is left to its sender before another may take it. */
const CLAIM_MS = 5 * 60_000;

/** The wait before the next attempt after `attempts` failures: 1, 2, 4 … minutes, at most 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 120) * 60_000;
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Send the messages that are due, oldest first, and record each result on its row: `sent` with
 * the time, or the error and the next attempt (backing off), `failed` after {@link MAX_ATTEMPTS}.
 * Each message is claimed first by a conditional update, so app servers sharing a store never
 * send one twice; a claim left by a sender that died is taken again after five minutes. A sent or
 * given-up message keeps no text (its body is emptied): it may have held a password-set link.
 * @example await deliverDueMail(store, smtpTransport(settings), settings.from)
 */
export async function deliverDueMail(
  store: Store,
  transport: MailTransport,
  from: string,
  options: { now?: Date; limit?: number; logger?: Logger } = {},
): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const due = await store.db
    .selectFrom("outbox")
    .select(["id", "status", "next_attempt_at", "recipient", "subject", "body", "attempts"])
    .where("status", "in", ["queued", "sending"])
    .where("next_attempt_at", "<=", at)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(options.limit ?? 50)
    .execute();
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const message of due) {
    const claim = await store.db
      .updateTable("outbox")
      .set({ status: "sending", next_attempt_at: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where("id", "=", message.id)
      .where("status", "=", message.status)
      .where("next_attempt_at", "=", message.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const attempts = message.attempts + 1;
    try {
      await transport.send({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
      });
      await store.db
        .updateTable("outbox")
        // The text is dropped once delivered: it may carry a one-time password-set link, and the
        // row keeps who, when and the subject, which is all the log needs.
        .set({
          status: "sent",
          sent_at: new Date().toISOString(),
          attempts,
          last_error: null,
          body: "",
        })
        .where("id", "=", message.id)
        .execute();
      result.sent++;
      options.logger?.info("メールを送信しました", { outbox: message.id, attempts });
    } catch (error) {
      const reason = describe(error);
      const givenUp = attempts >= MAX_ATTEMPTS;
      await store.db
        .updateTable("outbox")
        .set({
          status: givenUp ? "failed" : "queued",
          ...(givenUp ? { body: "" } : {}),
          attempts,
          last_error: reason,
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        })
        .where("id", "=", message.id)
        .execute();
      if (givenUp) result.failed++;
      else result.retrying++;
      options.logger?.warn(
        givenUp
          ? "メールを送れませんでした（再送をやめます）"
          : "メールを送れませんでした（あとで再送します）",
        { outbox: message.id, attempts, error: reason },
      );
    }
  }
  return result;
}

/** An SMTP failure in one line, without the message's content. */
function describe(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = [e.code, e.responseCode, e.message ?? String(error)].filter(Boolean).join(" ");
  return text.replace(/\s+/gu, " ").slice(0, 500);
}
