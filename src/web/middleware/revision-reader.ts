import { type DataRevision, readDataRevision } from "../../store/queries/data-revision-query.ts";
import type { Store } from "../../store/store.ts";

/**
 * Reads the store's data revision for requests, one read for all the requests that arrive
 * together. A read starts in the event loop's check phase (setImmediate), after the requests
 * that ask for it have arrived: every request still gets a revision read after it arrived, so a
 * write committed before a request is always seen, and under load one read serves a batch.
 * @example const revision = await revisionReader(store)();
 */
export function revisionReader(store: Store): () => Promise<DataRevision | null> {
  let next: Promise<DataRevision | null> | null = null;
  return () => {
    next ??= new Promise((resolve, reject) => {
      setImmediate(() => {
        next = null; // requests from now on wait for a read that starts after them
        readDataRevision(store.db).then(resolve, reject);
      });
    });
    return next;
  };
}
