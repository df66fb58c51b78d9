import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type SelectModifierNode,
  type SelectQueryNode,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  type TransactionSettings,
} from "kysely";

/** The row-lock clauses of PostgreSQL's SELECT, which SQLite's grammar does not have. */
const ROW_LOCKS = new Set([
  "ForUpdate",
  "ForNoKeyUpdate",
  "ForShare",
  "ForKeyShare",
  "NoWait",
  "SkipLocked",
]);

/**
 * Transactions take SQLite's write lock when they begin (`BEGIN IMMEDIATE`), unless they are
 * declared read only. A deferred `BEGIN` reads first and asks for the lock at its first write:
 * if another connection (a second app server, a CLI run) committed in between, the upgrade
 * fails at once with `SQLITE_BUSY`, whatever the busy timeout. Beginning immediate waits for
 * the lock instead, and a transaction that holds it reads a state no one else can change.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const readOnly = settings?.accessMode === "read only";
    await connection.executeQuery(CompiledQuery.raw(readOnly ? "begin" : "begin immediate"));
  }
}

/**
 * `SELECT … FOR UPDATE` / `FOR SHARE` left out: the commands ask PostgreSQL for row locks, and
 * on SQLite the write transaction already holds the whole database (see above).
 */
class RowLockFreeCompiler extends SqliteQueryCompiler {
  protected override visitSelectQuery(node: SelectQueryNode): void {
    const isLock = (m: SelectModifierNode) => m.modifier !== undefined && ROW_LOCKS.has(m.modifier);
    const endModifiers = node.endModifiers?.filter((m) => !isLock(m));
    super.visitSelectQuery(
      endModifiers?.length === node.endModifiers?.length
        ? node
        : Object.freeze({ ...node, endModifiers }),
    );
  }
}

/**
 * The SQLite dialect of the store: Kysely's, with write transactions that begin immediate and
 * the row-lock clauses dropped. The one place where the two stores lock differently.
 * @example new Kysely<Database>({ dialect: new SqliteStoreDialect({ database: sqlite }) })
 */
export class SqliteStoreDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createQueryCompiler(): QueryCompiler {
    return new RowLockFreeCompiler();
  }
}
