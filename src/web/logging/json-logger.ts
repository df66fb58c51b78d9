export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured logs: one JSON object per line, with `time`, `level` and `msg`. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * A logger writing JSON lines at `level` and above to `write` (standard output by default), for
 * log collectors (journald, Fluent Bit, CloudWatch…). An Error in the fields is written with its
 * name, message and stack.
 * @example jsonLogger("info").info("started", { port: 3000 })
 * // {"time":"2026-11-24T03:00:00.000Z","level":"info","msg":"started","port":3000}
 */
export function jsonLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => Date = () => new Date(),
): Logger {
  const at =
    (lineLevel: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[lineLevel] < RANK[level]) return;
      const entry: Record<string, unknown> = { time: now().toISOString(), level: lineLevel, msg };
      for (const [key, value] of Object.entries(fields))
        entry[key] =
          value instanceof Error
            ? { name: value.name, message: value.message, stack: value.stack }
            : value;
      write(`${JSON.stringify(entry)}\n`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
