import { randomBytes } from "node:crypto";
import type { ServerSecretTables } from "../../store/server-secret-table.ts";
import type { Store } from "../../store/store.ts";

const kept = new WeakMap<Store, Map<string, Promise<Buffer>>>();

/**
 * The store's secret named `name` (32 random bytes), made on first use and the same for every app
 * server sharing the store. A secret never changes once made, so each process keeps it.
 * @example const key = await serverSecret(store, "login-form");
 */
export function serverSecret(store: Store, name: string): Promise<Buffer> {
  const secrets = kept.get(store) ?? new Map<string, Promise<Buffer>>();
  kept.set(store, secrets);
  let secret = secrets.get(name);
  if (!secret) {
    secret = readOrMake(store, name);
    // A failed read is not kept: the next request tries again.
    secret.catch(() => secrets.delete(name));
    secrets.set(name, secret);
  }
  return secret;
}

async function readOrMake(store: Store, name: string): Promise<Buffer> {
  const db = store.db.withTables<ServerSecretTables>();
  // Two servers starting together both insert; the unique name keeps the first, both read it.
  await db
    .insertInto("server_secret")
    .values({
      name,
      value: randomBytes(32).toString("hex"),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("server_secret")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, "hex");
}
