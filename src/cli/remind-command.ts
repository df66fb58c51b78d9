import { parseArgs } from "node:util";
import { isIsoDate } from "../commands/cycle/cycle-context.ts";
import { type DueReminder, queueDueReminders } from "../commands/reminders/deadline-reminders.ts";
import { deliverDueMail, smtpTransport } from "../mail/outbox-sender.ts";
import { openConfiguredStore } from "./database-url.ts";
import { readServerConfig } from "./server-config.ts";

const USAGE = "shinchoku remind [--dry-run] [--date YYYY-MM-DD] [--json]";

/**
 * The deadline reminder check, for automation (cron): what the server's periodic check does,
 * once. `--dry-run` lists the reminders that are due and to whom, and stores nothing;
 * otherwise they are queued and the queue is sent once. `--date` checks as if it were that day
 * in Japan. Without mail settings a real run does nothing and says so (exit 0).
 */
export async function remindCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "dry-run": { type: "boolean", default: false },
      date: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (values.date !== undefined && !isIsoDate(values.date)) {
    console.error(`shinchoku remind: --date は YYYY-MM-DD で指定してください（${USAGE}）`);
    return 2;
  }
  const config = readServerConfig(process.env);
  const dryRun = values["dry-run"];
  if (!config.mail && !dryRun) {
    console.error(
      "shinchoku remind: メールが設定されていない（SHINCHOKU_SMTP_HOST がない）ため、催促は作りません",
    );
    return 0;
  }
  // Noon in Japan on the day asked for: the day is the same in every time zone's reading.
  const now = values.date ? new Date(`${values.date}T12:00:00+09:00`) : new Date();
  const baseUrl = config.mail?.baseUrl ?? config.publicBaseUrl ?? "(PUBLIC_BASE_URL)";
  const store = await openConfiguredStore();
  try {
    const made = await queueDueReminders(
      store,
      { baseUrl },
      { reminderDays: config.reminderDays, now, dryRun },
    );
    let delivery = null;
    if (!dryRun && config.mail) {
      const transport = smtpTransport(config.mail);
      try {
        delivery = await deliverDueMail(store, transport, config.mail.from, { now });
      } finally {
        transport.close();
      }
    }
    if (values.json) {
      console.log(JSON.stringify({ dryRun, reminders: made, delivery }, null, 2));
      return 0;
    }
    if (made.length === 0) console.log("送る催促はありません");
    for (const line of made.map(describe)) console.log(dryRun ? `（試行）${line}` : line);
    if (delivery)
      console.log(
        `送信: ${delivery.sent}件・再送待ち: ${delivery.retrying}件・送信できず: ${delivery.failed}件`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

function describe(r: DueReminder): string {
  const to =
    r.recipients.length === 0
      ? "宛先なし（メールアドレスを登録し、お知らせを受け取る人がいません）"
      : r.recipients.map((p) => `${p.name} <${p.email}>`).join(", ");
  const kind = r.kind === "digest" ? "企画課へのまとめ" : `催促 ${r.department ?? ""}`;
  return `${r.plan} ${r.asOf}時点（締切 ${r.deadline}）${kind}: ${to}「${r.subject}」`;
}
