import type { Hono } from "hono";
import { readDataRevision } from "../../store/queries/data-revision-query.ts";
import type { Store } from "../../store/store.ts";
import type { Logger } from "../logging/json-logger.ts";

/** How long `/readyz` waits for the store before calling the server not ready. */
export const READY_TIMEOUT_MS = 2000;

/**
 * For load balancers and orchestrators. `/healthz`: the process answers (200, always).
 * `/readyz`: the store answers a read of the data revision within two seconds (200 with the
 * database kind and the revision), otherwise 503 — take this server out of rotation, do not
 * restart it. Never cached, never compressed.
 */
export function healthRoutes(app: Hono, store: Store, logger?: Logger): void {
  const noStore = { "Cache-Control": "no-store" };
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200, noStore));
  app.get("/readyz", async (c) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const revision = await Promise.race([
        readDataRevision(store.db),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer from the store in ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          );
        }),
      ]);
      return c.json(
        { status: "ready", database: store.dialect, revision: revision?.revision ?? 0 },
        200,
        noStore,
      );
    } catch (error) {
      logger?.warn("not ready", { error });
      return c.json(
        // The reason goes to the log only: a store's error can name hosts and users.
        { status: "unavailable", database: store.dialect },
        503,
        noStore,
      );
    } finally {
      clearTimeout(timer);
    }
  });
}
