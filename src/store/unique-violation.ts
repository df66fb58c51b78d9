/**
 * Whether a database error is a broken unique constraint, on either store: PostgreSQL's
 * SQLSTATE 23505, better-sqlite3's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const { code } = error as { code: unknown };
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/**
 * A rejection handler for a transaction that checks a name is free, then inserts it: a broken
 * unique constraint is thrown again as `conflict()`, anything else as it was. Two requests
 * creating the same name at once both pass the check on PostgreSQL (READ COMMITTED: neither sees
 * the other's row before it commits); the second insert waits for the first and breaks the
 * constraint. Its transaction has rolled back by then: nothing of it is stored.
 * @example await store.db.transaction().execute(insert).catch(duplicateAs(() => new ShinchokuError("conflict", "…")))
 */
export function duplicateAs(conflict: () => Error): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error) ? conflict() : error;
  };
}
