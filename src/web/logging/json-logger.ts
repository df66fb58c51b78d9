import { bufferedOutput } from "./buffered-output.ts";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured logs: one JSON object per line, with `time`, `level` and `msg`. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /**
   * The `info` line of one answered request: `{"time","level","msg":"request","method","path",
   * "status","ms"}`, the same JSON as `info("request", {…})`, written without going through a
   * fields object (one per request served).
   */
  request(method: string, path: string, status: number, ms: number): void;
  /** Whether a line of this level is written at all: callers skip building what would be dropped. */
  enabled(level: Exclude<LogLevel, "silent">): boolean;
  /** Writes the lines still buffered (at a stop); a no-op for a logger that does not buffer. */
  flush(): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** The ISO time of now, made at most once per millisecond (a busy server logs many per ms). */
function isoClock(now: (() => Date) | undefined): () => string {
  let last = Number.NaN;
  let text = "";
  return () => {
    const ms = now ? now().getTime() : Date.now();
    if (ms !== last) {
      last = ms;
      text = new Date(ms).toISOString();
    }
    return text;
  };
}

/** A field's value as JSON; an Error with its name, message and stack. */
function jsonValue(value: unknown): string | undefined {
  return JSON.stringify(
    value instanceof Error
      ? { name: value.name, message: value.message, stack: value.stack }
      : value,
  );
}

/**
 * A logger writing JSON lines at `level` and above to `write`, for log collectors (journald,
 * Fluent Bit, CloudWatch…). By default lines go to standard output through a buffer written
 * every 50 ms or 64 Ki characters ({@link bufferedOutput}), not one write per line; errors are
 * written at once. An Error in the fields is written with its name, message and stack.
 * @example jsonLogger("info").info("started", { port: 3000 })
 * // {"time":"2026-11-24T03:00:00.000Z","level":"info","msg":"started","port":3000}
 */
export function jsonLogger(
  level: LogLevel,
  write?: (line: string) => void,
  now?: () => Date,
): Logger {
  const buffered = write ? null : bufferedOutput();
  const out = write ?? ((line: string) => buffered?.write(line));
  const time = isoClock(now);
  const at =
    (lineLevel: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[lineLevel] < RANK[level]) return;
      // Written field by field (the same JSON as one object, without building the object):
      // a request line per request is on the hot path of every page served.
      let line = `{"time":"${time()}","level":"${lineLevel}","msg":${JSON.stringify(msg)}`;
      for (const key in fields) {
        if (key === "time" || key === "level" || key === "msg") continue;
        const value = jsonValue(fields[key]);
        if (value !== undefined) line += `,${JSON.stringify(key)}:${value}`;
      }
      out(`${line}}\n`);
      if (lineLevel === "error") buffered?.flush();
    };
  const info = RANK.info >= RANK[level];
  return {
    request: (method, path, status, ms) => {
      if (!info) return;
      out(
        `{"time":"${time()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms}}\n`,
      );
    },
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    enabled: (lineLevel) => RANK[lineLevel] >= RANK[level],
    flush: () => buffered?.flush(),
  };
}
