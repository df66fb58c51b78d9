import { formatWarekiDate } from "../../domain/era.ts";
import type { Store } from "../../store/store.ts";
import { queueMail, type ReminderMail } from "../reminders/reminder-queue.ts";
import type { MailText } from "../reminders/reminder-texts.ts";
import type { PasswordSetLinkMessage, PasswordSetLinkSender } from "./password-set-link-sender.ts";

/** 令和8年12月8日 14:05（2026-12-08 14:05, 日本時間） */
function expiryText(iso: string): string {
  const tokyo = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Tokyo",
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(iso));
  const [date = "", time = ""] = tokyo.split(" ");
  return `${formatWarekiDate(date)} ${time}（${tokyo}, 日本時間）`;
}

/**
 * The e-mail that carries a password-set link: plain Japanese text with the link, whose it is,
 * until when it works, and what to do when it was not expected.
 * @example passwordSetLinkText({ ...message, url }).subject // "【Shinchoku】パスワード設定のご案内（hoiku）"
 */
export function passwordSetLinkText(message: PasswordSetLinkMessage): MailText {
  return {
    subject: `【Shinchoku】パスワード設定のご案内（${message.login}）`,
    body: [
      `${message.displayName} 様`,
      "",
      `進捗管理システム Shinchoku のアカウント（ログイン名: ${message.login}）のパスワード設定リンクをお送りします。`,
      "次のリンクを開き、パスワードを設定してください。",
      "",
      message.url,
      "",
      `このリンクは ${expiryText(message.expiresAt)} まで有効で、1回だけ使えます。`,
      "期限が過ぎたときや、このあと新しいリンクが発行されたときは使えません。管理者に新しいリンクを依頼してください。",
      "心当たりのない場合は、このメールを破棄してください。",
    ].join("\n"),
  };
}

/**
 * A password-set link sender that queues the e-mail in the outbox (the mail worker delivers it,
 * with retries), addressed to the account's own e-mail address. The link is rebuilt on the
 * configured public address (`mail.baseUrl`), so a request that came in through a proxy or on
 * an internal name still sends a link that works outside. Answers false, queuing nothing, when
 * the account has no address or is disabled. Queuing is one insert: a mail server that is down
 * does not slow the page or lose the message.
 * @example createApp(store, { mail, passwordSetLinkSender: outboxPasswordSetLinkSender(store, mail) })
 */
export function outboxPasswordSetLinkSender(
  store: Store,
  mail: ReminderMail,
  now: () => Date = () => new Date(),
): PasswordSetLinkSender {
  return {
    async sendPasswordSetLink(message) {
      const page = new URL(message.url);
      const url = new URL(`${page.pathname}${page.search}`, mail.baseUrl).toString();
      return store.db.transaction().execute(async (trx) => {
        const account = await trx
          .selectFrom("account")
          .select(["organization_id", "email", "disabled"])
          .where("id", "=", message.accountId)
          .executeTakeFirst();
        if (!account?.email || account.disabled === 1) return false;
        await queueMail(trx, {
          organizationId: account.organization_id,
          recipients: [{ accountId: message.accountId, email: account.email }],
          text: passwordSetLinkText({ ...message, url }),
          at: now().toISOString(),
        });
        return true;
      });
    },
  };
}
