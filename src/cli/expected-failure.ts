/** Codes of the file system that name a file the person gave (or its folder). */
const FILE_CODES: Record<string, string> = {
  ENOENT: "ファイルかフォルダーがありません",
  EACCES: "アクセスする権限がありません",
  EPERM: "アクセスする権限がありません",
  EISDIR: "フォルダーです（ファイルを指定してください）",
  ENOTDIR: "途中にフォルダーでないものがあります",
  ENOSPC: "ディスクに空きがありません",
  EROFS: "読み取り専用の場所です",
  EEXIST: "すでにあります",
};

/** Codes of a database that cannot be reached or will not let us in. */
const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: "接続を拒否されました",
  ENOTFOUND: "ホストが見つかりません",
  EAI_AGAIN: "ホスト名を引けません",
  ETIMEDOUT: "接続がタイムアウトしました",
  EHOSTUNREACH: "ホストに到達できません",
  ECONNRESET: "接続が切れました",
  "28P01": "パスワード認証に失敗しました",
  "28000": "接続が許可されていません",
  "3D000": "データベースがありません",
};

/**
 * One line for a failure a person can cause and fix (a file that is not there, a folder that
 * cannot be written, a database that cannot be reached), or null for a bug, which keeps its stack.
 * @example describeExpectedFailure(Object.assign(new Error("…"), { code: "ENOENT", path: "x.csv" }))
 * // "x.csv: ファイルかフォルダーがありません（ENOENT）"
 */
export function describeExpectedFailure(error: unknown): string | null {
  if (!(error instanceof Error) || !("code" in error)) return null;
  const code = String(error.code);
  const path = "path" in error && typeof error.path === "string" ? error.path : undefined;
  const fileProblem = FILE_CODES[code];
  if (fileProblem && path) return `${path}: ${fileProblem}（${code}）`;
  const connection = CONNECTION_CODES[code];
  if (connection) return `DATABASE_URL: データベースに接続できません: ${connection}（${code}）`;
  return null;
}
