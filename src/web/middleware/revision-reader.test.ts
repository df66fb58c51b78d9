import assert from "node:assert/strict";
import { it } from "node:test";
import type { KyselyPlugin } from "kysely";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { bumpRevision } from "../../commands/revision-bumper.ts";
import { openStore } from "../../store/store.ts";
import { revisionReader } from "./revision-reader.ts";

forEachStore("the revision reader", (dialect) => {
  it("reads the revision once for requests that arrive together, and again for a request that comes after the read started", async () => {
    const store = await freshStore(dialect);
    try {
      let reads = 0;
      const counting: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          reads++;
          return args.result;
        },
      };
      const read = revisionReader({ ...store, db: store.db.withPlugin(counting) });
      const [a, b, c] = await Promise.all([read(), read(), read()]);
      assert.equal(reads, 1);
      assert.deepEqual(a, b);
      assert.deepEqual(a, c);

      const first = read();
      await new Promise((resolve) => setImmediate(resolve)); // the read has started
      const second = read();
      assert.notEqual(first, second, "a later request does not share a read that began before it");
      await Promise.all([first, second]);
      assert.equal(reads, 3);
    } finally {
      await store.dispose();
    }
  });

  it("sees a write committed before the request, made through another connection", async () => {
    const store = await freshStore(dialect);
    try {
      const read = revisionReader(store);
      const before = await read();
      assert.ok(before);
      const writer = await openStore(store.url);
      await writer.db.transaction().execute((trx) => bumpRevision(trx));
      await writer.close();
      const after = await read();
      assert.equal(after?.revision, before.revision + 1);
      const second = (iso: string | undefined) => Math.floor(Date.parse(iso ?? "") / 1000);
      assert.ok(second(after?.changedAt) > second(before.changedAt), "a later whole second");
    } finally {
      await store.dispose();
    }
  });
});
