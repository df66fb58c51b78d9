import type { MiddlewareHandler } from "hono";
import type { Logger } from "./json-logger.ts";

/**
 * One `info` line per request: method, path (the query left out: it may carry a search a person
 * typed), status, duration in milliseconds, and the bytes sent when known. Server errors are
 * logged where they are handled (`app.onError`), with their stack. Below `info` nothing is
 * measured at all; the line itself goes through the logger's buffer (no write per request).
 * @example app.use(requestLog(jsonLogger("info")));
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  if (!logger.enabled("info")) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const length = c.res.headers.get("Content-Length");
    logger.info(
      "request",
      length === null
        ? { method: c.req.method, path: c.req.path, status: c.res.status, ms }
        : {
            method: c.req.method,
            path: c.req.path,
            status: c.res.status,
            ms,
            bytes: Number(length),
          },
    );
  };
}
