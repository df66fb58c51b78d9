import { isMailAddress } from "../domain/mail-address.ts";

/**
 * How the server sends e-mail, from the environment. Mail is optional: with no
 * `SHINCHOKU_SMTP_*` variable set, nothing is queued or sent and nothing fails.
 */
export interface MailSettings {
  host: string;
  port: number;
  /** TLS from the first byte (SMTPS, usually port 465); otherwise STARTTLS when offered. */
  secure: boolean;
  /** Both or neither; with them and without `secure`, STARTTLS is required before they are sent. */
  user: string | null;
  password: string | null;
  /** The sender, `addr@example.jp` or `名前 <addr@example.jp>`. */
  from: string;
  /** The site's public address (`PUBLIC_BASE_URL`), for the links in each message. */
  baseUrl: string;
}

export interface MailConfig {
  /** null: mail is not configured. */
  mail: MailSettings | null;
  /** Working days before a period's deadline that departments with missing updates are reminded. */
  reminderDays: number;
}

/** A wrong setting: the variable and a sentence saying what is wrong, in Japanese. */
export interface SettingProblem {
  field: string;
  message: string;
}

export const DEFAULT_REMINDER_DAYS = 3;

function isSender(value: string): boolean {
  const named = /^([^<>\r\n]*)<([^<>\s]+)>$/u.exec(value);
  return named ? isMailAddress(named[2] ?? "") : isMailAddress(value);
}

/**
 * Read the mail settings: `SHINCHOKU_SMTP_HOST`, `_PORT`, `_SECURE`, `_USER`, `_PASSWORD`,
 * `_FROM`, with `PUBLIC_BASE_URL` for the links and `SHINCHOKU_REMINDER_DAYS`. Every problem
 * is returned, each naming its variable; the caller refuses to start with any.
 * @example readMailConfig({ SHINCHOKU_SMTP_HOST: "smtp.example.jp", SHINCHOKU_SMTP_FROM: "shinchoku@example.jp" }, "https://shinchoku.example.jp").config.mail?.port // 587
 */
export function readMailConfig(
  env: NodeJS.ProcessEnv,
  publicBaseUrl: string | null,
): { config: MailConfig; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const value = (name: string) => env[name]?.trim() ?? "";
  const problem = (field: string, message: string) =>
    problems.push({ field, message: `${field}「${value(field)}」: ${message}` });

  let reminderDays = DEFAULT_REMINDER_DAYS;
  const days = value("SHINCHOKU_REMINDER_DAYS").normalize("NFKC");
  if (days !== "") {
    if (/^\d{1,2}$/u.test(days) && Number(days) >= 1 && Number(days) <= 20)
      reminderDays = Number(days);
    else problem("SHINCHOKU_REMINDER_DAYS", "1〜20 の整数（営業日の数）で指定してください");
  }

  const host = value("SHINCHOKU_SMTP_HOST");
  const others = [
    "SHINCHOKU_SMTP_PORT",
    "SHINCHOKU_SMTP_SECURE",
    "SHINCHOKU_SMTP_USER",
    "SHINCHOKU_SMTP_PASSWORD",
    "SHINCHOKU_SMTP_FROM",
  ].filter((name) => value(name) !== "");
  if (host === "") {
    for (const name of others)
      problems.push({
        field: name,
        message: `${name}: SHINCHOKU_SMTP_HOST がないため使えません（メールを送るならサーバー名も指定してください）`,
      });
    return { config: { mail: null, reminderDays }, problems };
  }
  if (!/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/u.test(host))
    problem("SHINCHOKU_SMTP_HOST", "ホスト名か IP アドレスで指定してください");

  let secure = false;
  const secureText = value("SHINCHOKU_SMTP_SECURE").toLowerCase();
  if (["true", "1", "yes", "on"].includes(secureText)) secure = true;
  else if (!["", "false", "0", "no", "off"].includes(secureText))
    problem("SHINCHOKU_SMTP_SECURE", "true（最初から TLS）か false（STARTTLS）で指定してください");

  let port = secure ? 465 : 587;
  const portText = value("SHINCHOKU_SMTP_PORT");
  if (portText !== "") {
    port = Number(portText);
    if (!/^\d+$/u.test(portText) || port < 1 || port > 65535)
      problem("SHINCHOKU_SMTP_PORT", "1〜65535 の整数で指定してください");
  }

  const user = value("SHINCHOKU_SMTP_USER");
  // A password is taken as it is (spaces included), never trimmed or echoed.
  const password = env.SHINCHOKU_SMTP_PASSWORD ?? "";
  if ((user === "") !== (password === ""))
    problems.push({
      field: user === "" ? "SHINCHOKU_SMTP_USER" : "SHINCHOKU_SMTP_PASSWORD",
      message:
        "SHINCHOKU_SMTP_USER と SHINCHOKU_SMTP_PASSWORD は両方指定するか、両方とも指定しないでください",
    });

  const from = value("SHINCHOKU_SMTP_FROM");
  if (from === "")
    problems.push({
      field: "SHINCHOKU_SMTP_FROM",
      message:
        "SHINCHOKU_SMTP_FROM: 送信者のアドレスを指定してください（例: shinchoku@city.example.jp）",
    });
  else if (!isSender(from))
    problem("SHINCHOKU_SMTP_FROM", "メールアドレスか「名前 <アドレス>」の形で指定してください");

  if (publicBaseUrl === null)
    problems.push({
      field: "PUBLIC_BASE_URL",
      message:
        "PUBLIC_BASE_URL: メールのリンクに使うため、SHINCHOKU_SMTP_HOST を指定するときは必要です（例: https://shinchoku.city.example.jp）",
    });

  if (problems.length > 0) return { config: { mail: null, reminderDays }, problems };
  return {
    config: {
      reminderDays,
      mail: {
        host,
        port,
        secure,
        user: user || null,
        password: password || null,
        from,
        baseUrl: publicBaseUrl as string,
      },
    },
    problems,
  };
}
