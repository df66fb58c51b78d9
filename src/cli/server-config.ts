import { z } from "zod";
import { ShinchokuError } from "../domain/errors.ts";
import { type MailSettings, readMailConfig } from "../mail/mail-settings.ts";
import { DEFAULT_DATABASE_URL } from "../store/store.ts";
import { LOG_LEVELS, type LogLevel } from "../web/logging/json-logger.ts";
import { trustedProxies } from "../web/middleware/trusted-proxies.ts";
import { type SiteIdentity, siteIdentityFromEnv } from "../web/site/site-identity.ts";

/** What `shinchoku serve` runs with, from the environment and its options. */
export interface ServerConfig {
  databaseUrl: string;
  /** A PostgreSQL read replica the public pages read from; null: they read the primary. */
  databaseReadUrl: string | null;
  port: number;
  host: string;
  /** The address the public reaches the site at (behind a proxy: the proxy's), without a trailing `/`. */
  publicBaseUrl: string | null;
  logLevel: LogLevel;
  /** SMTP and the links in messages; null: mail is not configured, nothing is sent. */
  mail: MailSettings | null;
  /** Working days before a deadline that departments with missing updates are reminded. */
  reminderDays: number;
  /** The organization's name and logo in every page's header, and the favicon. */
  site: SiteIdentity;
}

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || DEFAULT_DATABASE_URL)
    .refine((v) => /^(?:sqlite:.+|postgres(?:ql)?:\/\/.+)$/u.test(v), {
      message: "sqlite:ファイル名 か postgres://… で指定してください",
    }),
  DATABASE_READ_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^postgres(?:ql)?:\/\/.+$/u.test(v), {
      message: "postgres://… で指定してください（読み取り用の複製は PostgreSQL のみ）",
    }),
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === "" ? 3000 : Number(v)))
    .refine((v) => Number.isInteger(v) && v >= 0 && v <= 65535, {
      message: "0〜65535 の整数で指定してください",
    }),
  HOST: z.string().trim().optional(),
  PUBLIC_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isBaseUrl(v), {
      message: "https://… の絶対 URL（クエリや # なし）で指定してください",
    })
    .transform((v) => v?.replace(/\/+$/u, "") ?? null),
  LOG_LEVEL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v || "info").toLowerCase())
    .refine((v): v is LogLevel => (LOG_LEVELS as readonly string[]).includes(v), {
      message: `${LOG_LEVELS.join(", ")} のいずれかで指定してください`,
    }),
});

function isBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/**
 * The server's settings, validated at start: every problem is reported at once, each naming its
 * variable, and nothing starts with a wrong one. Options given on the command line (`--port`,
 * `--host`) win over the environment. `SHINCHOKU_TRUSTED_PROXIES` and
 * `SHINCHOKU_LICENCE`, read where they are used, are checked here too, so a wrong one stops the
 * start as well, and so are the mail settings (`SHINCHOKU_SMTP_*`, `SHINCHOKU_REMINDER_DAYS`:
 * src/mail/mail-settings.ts) and the site's name, logo and favicon (`SHINCHOKU_ORG_NAME`,
 * `SHINCHOKU_ORG_NAME_EN`, `SHINCHOKU_ORG_LOGO`, `SHINCHOKU_FAVICON`), whose files are read here.
 * @throws ShinchokuError `invalid_config` listing every wrong setting.
 * @example readServerConfig(process.env, { port: "8080" }).port // 8080
 */
export function readServerConfig(
  env: NodeJS.ProcessEnv,
  options: { port?: string | undefined; host?: string | undefined } = {},
): ServerConfig {
  const source = {
    ...env,
    ...(options.port === undefined ? {} : { PORT: options.port }),
    ...(options.host === undefined ? {} : { HOST: options.host }),
  };
  const parsed = schema.safeParse(source);
  const problems: { field: string; message: string }[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? ""),
        message: `${String(issue.path[0])}「${String(source[String(issue.path[0]) as keyof typeof source] ?? "")}」: ${issue.message}`,
      }));
  for (const check of [() => trustedProxies(env)]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ShinchokuError)) throw error;
      const field = error.location.field ?? "";
      problems.push({ field, message: `${field}: ${error.message}` });
    }
  }
  // A wrong PUBLIC_BASE_URL is reported once, by the schema, not again as missing for mail.
  const baseUrl = parsed.success
    ? parsed.data.PUBLIC_BASE_URL
    : (env.PUBLIC_BASE_URL?.trim() ?? "") || null;
  const mail = readMailConfig(env, baseUrl);
  problems.push(...mail.problems);
  const site = siteIdentityFromEnv(env);
  problems.push(...site.problems);
  const licence = env.SHINCHOKU_LICENCE?.trim() ?? "";
  const [licenceName = "", licenceLink] = licence.split("|").map((part) => part.trim());
  if (licenceLink !== undefined && (licenceName === "" || !isBaseUrl(licenceLink)))
    problems.push({
      field: "SHINCHOKU_LICENCE",
      message: `SHINCHOKU_LICENCE「${licence}」: 「名前|https://…」の形で指定してください`,
    });
  if (
    parsed.success &&
    parsed.data.DATABASE_READ_URL !== null &&
    !parsed.data.DATABASE_URL.startsWith("postgres")
  )
    problems.push({
      field: "DATABASE_READ_URL",
      message:
        "DATABASE_READ_URL: 読み取り用の複製は DATABASE_URL が PostgreSQL のときだけ使えます",
    });
  if (!parsed.success || problems.length > 0)
    throw new ShinchokuError(
      "invalid_config",
      `設定に誤りがあります（${problems.length}件）:\n${problems.map((p) => `  - ${p.message}`).join("\n")}`,
      { field: problems.map((p) => p.field).join(", ") },
    );
  const config = parsed.data;
  return {
    databaseUrl: config.DATABASE_URL,
    databaseReadUrl: config.DATABASE_READ_URL,
    port: config.PORT,
    host: config.HOST || "127.0.0.1",
    publicBaseUrl: config.PUBLIC_BASE_URL,
    logLevel: config.LOG_LEVEL as LogLevel,
    mail: mail.config.mail,
    reminderDays: mail.config.reminderDays,
    site: site.identity,
  };
}
