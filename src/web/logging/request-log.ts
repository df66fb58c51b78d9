import type { MiddlewareHandler } from "hono";
import type { Logger } from "./json-logger.ts";

/**
 * One `info` line per request: method, path (the query left out: it may carry a search a person
 * typed), status, duration in milliseconds, and the bytes sent when known. Server errors are
 * logged where they are handled (`app.onError`), with their stack.
 * @example app.use(requestLog(jsonLogger("info")));
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const length = c.res.headers.get("Content-Length");
    logger.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(length === null ? {} : { bytes: Number(length) }),
    });
  };
}
