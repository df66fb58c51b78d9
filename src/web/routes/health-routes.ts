import type { Hono } from "hono";
import { readDataRevision } from "../../store/queries/data-revision-query.ts";
import type { Store } from "../../store/store.ts";
import type { Logger } from "../logging/json-logger.ts";

/** How long `/readyz` waits for the store before calling the server not ready. */
export const READY_TIMEOUT_MS = 2000;

/** The revision of a store, or a rejection after `READY_TIMEOUT_MS`. */
async function revisionWithin(store: Store): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const revision = await Promise.race([
      readDataRevision(store.db),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from ${store.description} in ${READY_TIMEOUT_MS} ms`)),
          READY_TIMEOUT_MS,
        );
      }),
    ]);
    return revision?.revision ?? 0;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * For load balancers and orchestrators. `/healthz`: the process answers (200, always).
 * `/readyz`: every store the server uses (the primary, and the read replica when there is one)
 * answers a read of the data revision within two seconds: 200 with the database kind and the
 * revision (and the replica's, `readRevision`, which shows its lag), otherwise 503 — take this
 * server out of rotation, do not restart it. Never cached, never compressed.
 */
export function healthRoutes(app: Hono, stores: Store | readonly Store[], logger?: Logger): void {
  const [primary, replica] = Array.isArray(stores) ? stores : [stores as Store];
  if (!primary) throw new Error("healthRoutes needs a store");
  const noStore = { "Cache-Control": "no-store" };
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200, noStore));
  app.get("/readyz", async (c) => {
    try {
      const [revision, readRevision] = await Promise.all([
        revisionWithin(primary),
        replica ? revisionWithin(replica) : undefined,
      ]);
      return c.json(
        {
          status: "ready",
          database: primary.dialect,
          revision,
          ...(readRevision === undefined ? {} : { readRevision }),
        },
        200,
        noStore,
      );
    } catch (error) {
      logger?.warn("not ready", { error });
      // The reason goes to the log only: a store's error can name hosts and users.
      return c.json({ status: "unavailable", database: primary.dialect }, 503, noStore);
    }
  });
}
