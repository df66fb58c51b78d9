import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.ts";
import { openStore } from "../store.ts";

/** Two stores on one SQLite file: two app servers, or a server and a CLI run. */
async function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-lock-"));
  const url = `sqlite:${join(dir, "test.db")}`;
  const first = await openStore(url);
  const second = await openStore(url);
  // The second gives up quickly while the first holds the write lock: this process is the
  // first's too, and a synchronous wait would hold it up.
  await sql`PRAGMA busy_timeout = 100`.execute(second.db);
  return {
    first,
    second,
    dispose: async () => {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const revision = async (db: Kysely<Database>) =>
  Number(
    (await db.selectFrom("data_revision").select("revision").executeTakeFirstOrThrow()).revision,
  );

describe("SQLite write transactions", () => {
  const opened: Array<{ dispose(): Promise<void> }> = [];
  after(async () => {
    for (const o of opened) await o.dispose();
  });

  it("hold the write lock from their start, so another connection's write cannot slip in between a read and a write", async () => {
    const c = await twoConnections();
    opened.push(c);
    const start = await revision(c.first.db);
    let between: unknown = null;
    await c.first.db.transaction().execute(async (trx) => {
      const seen = await revision(trx);
      try {
        await c.second.db.updateTable("data_revision").set({ revision: 1000 }).execute();
      } catch (error) {
        between = error;
      }
      await trx
        .updateTable("data_revision")
        .set({ revision: seen + 1 })
        .execute();
    });
    assert.match(String((between as { code?: string })?.code), /^SQLITE_BUSY/u);
    assert.equal(await revision(c.second.db), start + 1, "the first's write, on what it read");
  });

  it("leave a read-only transaction without the lock, so a backup's snapshot never stops a writer", async () => {
    const c = await twoConnections();
    opened.push(c);
    const start = await revision(c.first.db);
    await c.first.db
      .transaction()
      .setAccessMode("read only")
      .execute(async (trx) => {
        assert.equal(await revision(trx), start);
        await c.second.db
          .updateTable("data_revision")
          .set({ revision: start + 5 })
          .execute();
        // The snapshot still reads what it began with.
        assert.equal(await revision(trx), start);
      });
    assert.equal(await revision(c.first.db), start + 5);
  });
});
