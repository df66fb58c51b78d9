import { queueDueReminders } from "../commands/reminders/deadline-reminders.ts";
import type { Store } from "../store/store.ts";
import type { Logger } from "../web/logging/json-logger.ts";
import type { MailSettings } from "./mail-settings.ts";
import { deliverDueMail, type MailTransport, smtpTransport } from "./outbox-sender.ts";

export interface MailWorker {
  /** One round now: the reminder check when due, then the messages due. */
  runOnce(): Promise<void>;
  /** Stop after the round in progress; closes the transport. */
  stop(): Promise<void>;
}

/**
 * The sender loop of a server process: every `deliverEveryMs` it sends the messages due from the
 * outbox, and every `checkEveryMs` it runs the deadline reminder check. Rounds never overlap; a
 * round that fails (the database away) is logged and the next one tries again. Requests only
 * ever write to the outbox, so nothing a person does waits for the mail server.
 * @example const worker = startMailWorker(store, config.mail, { reminderDays: 3, logger });
 */
export function startMailWorker(
  store: Store,
  settings: MailSettings,
  options: {
    reminderDays: number;
    logger?: Logger;
    transport?: MailTransport;
    deliverEveryMs?: number;
    checkEveryMs?: number;
  },
): MailWorker {
  const transport = options.transport ?? smtpTransport(settings);
  const deliverEvery = options.deliverEveryMs ?? 10_000;
  const checkEvery = options.checkEveryMs ?? 15 * 60_000;
  let lastCheck = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const work = async () => {
    try {
      if (Date.now() - lastCheck >= checkEvery) {
        lastCheck = Date.now();
        const made = await queueDueReminders(
          store,
          { baseUrl: settings.baseUrl },
          { reminderDays: options.reminderDays },
        );
        if (made.length > 0)
          options.logger?.info("締切前の催促を作りました", {
            reminders: made.map((m) => ({ plan: m.plan, kind: m.kind, department: m.department })),
          });
      }
      await deliverDueMail(store, transport, settings.from, {
        ...(options.logger ? { logger: options.logger } : {}),
      });
    } catch (error) {
      options.logger?.error("メールの送信処理に失敗しました", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const runOnce = () => {
    round = round.then(work);
    return round;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().then(schedule);
    }, deliverEvery);
  };
  void runOnce().then(schedule);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
      transport.close();
    },
  };
}
