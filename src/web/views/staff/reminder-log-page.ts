import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { formatWarekiDate } from "../../../domain/era.ts";
import type { ReminderLogEntry } from "../../../store/queries/reminder-log-query.ts";
import { auditTime } from "./audit-changes.ts";
import { staffLayout } from "./staff-layout.ts";

export const REMINDER_KIND_NAMES: Record<string, string> = {
  opened: "報告期の開始",
  deadline: "締切前の催促",
  returned: "差戻し",
  digest: "企画課へのまとめ",
};

export const MAIL_STATUS_NAMES: Record<string, string> = {
  queued: "送信待ち",
  sending: "送信中",
  sent: "送信済",
  failed: "送信できず",
  no_recipient: "宛先なし",
};

/** Who was reminded when, for one period: every reminder and each message's result. */
export function reminderLogPage(input: {
  session: StaffSession;
  path: string;
  plan: { slug: string; title: string };
  period: { asOf: string; deadline: string | null };
  log: readonly ReminderLogEntry[];
}) {
  const { plan, period, log } = input;
  const base = `/staff/plans/${encodeURIComponent(plan.slug)}`;
  const title = `お知らせメールの記録（${formatWarekiDate(period.asOf, "monthEnd")}時点）`;
  return staffLayout({
    session: input.session,
    path: input.path,
    title,
    breadcrumbs: [
      { href: "/staff", label: "職員トップ" },
      { href: base, label: `${plan.title}の進捗報告` },
    ],
    body: html`<h1>${title}</h1>
<p>報告期の開始、締切前の催促、差戻し、企画課へのまとめとして、誰にいつメールを送ったかの記録です（古い順）。締切: ${period.deadline ? html`${formatWarekiDate(period.deadline)}（${period.deadline}）` : "未設定"}・<a href="${base}/reminders.csv?asOf=${period.asOf}">CSV でダウンロード</a></p>
${
  log.length === 0
    ? html`<p>この報告期のお知らせはまだありません。</p>`
    : html`<table class="report"><caption>お知らせ ${log.length}件</caption>
<thead><tr><th scope="col">作成日時</th><th scope="col">種類</th><th scope="col">担当課</th><th scope="col">取組ID</th><th scope="col">宛先</th><th scope="col">結果</th><th scope="col">送信日時</th><th scope="col">試行</th><th scope="col">最後のエラー</th></tr></thead>
<tbody>${log.map(
        (e) =>
          html`<tr><td>${auditTime(e.remindedAt)}</td><td>${REMINDER_KIND_NAMES[e.kind] ?? e.kind}</td><td>${e.department ?? "企画課"}</td><td>${e.measureCode ?? ""}</td><td>${e.recipient ? `${e.recipientName ?? ""} <${e.recipient}>` : "—"}</td><td>${MAIL_STATUS_NAMES[e.status] ?? e.status}</td><td>${e.sentAt ? auditTime(e.sentAt) : ""}</td><td>${e.attempts}</td><td>${e.lastError ?? ""}</td></tr>`,
      )}</tbody></table>`
}`,
  });
}
