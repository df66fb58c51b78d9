import type { MiddlewareHandler } from "hono";
import type { Logger } from "./json-logger.ts";

/**
 * One `info` line per request: method, path (the query left out: it may carry a search a person
 * typed), status and duration in milliseconds ({@link Logger.request}). Server errors are
 * logged where they are handled (`app.onError`), with their stack. Below `info` nothing is
 * measured at all; the line itself goes through the logger's buffer (no write per request).
 * The response's headers are not read: reading them turns @hono/node-server's plain header
 * object into a Headers instance, which cost a third of the throughput of a kept page.
 * @example app.use(requestLog(jsonLogger("info")));
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  if (!logger.enabled("info")) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    logger.request(c.req.method, c.req.path, c.res.status, ms);
  };
}
