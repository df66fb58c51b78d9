import { DEFAULT_DATABASE_URL, openStore } from "../store/store.ts";

/** The store every command uses: `DATABASE_URL`, or the SQLite file by default. */
export function openConfiguredStore() {
  return openStore(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
}
