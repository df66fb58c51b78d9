import { ShinchokuError } from "../domain/errors.ts";
import { exportCommand } from "./export-command.ts";
import { importCommand } from "./import-command.ts";
import { serveCommand } from "./serve-command.ts";
import { suggestStatusCommand } from "./suggest-status-command.ts";
import { userCommand } from "./user-command.ts";

const HELP = `shinchoku — 行程表と進捗状況の管理・公開

使い方:
  shinchoku import FILE [--org-code CODE --org-name NAME] [--plan SLUG] [--json]
      報告書のテキスト（PDF から抽出した行程表の進捗状況）を取り込みます。
      同じ計画の後の報告は、新しい報告期として追加されます。
  shinchoku export [--format csv|json] [--table measures|roadmap] [--plan SLUG]
                   [--period YYYY-MM-DD] [--no-bom] [--out FILE]
      オープンデータとして書き出します（既定: CSV、取組の表、最新の報告期、標準出力）。
  shinchoku export --format pdf --out FILE    報告書（行程表と進捗状況）を PDF（A4 横）で書き出します。
  shinchoku export --format xlsx --out FILE   取組の一覧を Excel で書き出します（担当課への照会用）。
  shinchoku serve [--port N] [--load-example]
      公開サイトを起動します（既定のポートは 3000 または PORT）。職員用は /staff。
  shinchoku suggest-status [--json]
      標準入力の進捗状況（1行に1件）から状況区分を提案し、1行に1件（または unknown）を出力します。
  shinchoku user add --org-code CODE --login NAME --role ROLE [--name 表示名] [--department 担当課] < パスワード
      職員のアカウントを作ります（ROLE: administrator, planner, departmentEditor, viewer）。
      パスワード（12文字以上）は標準入力の1行目から読みます。既定のパスワードはありません。

環境変数:
  DATABASE_URL  sqlite:PATH（既定 sqlite:./data/shinchoku.db）または postgres://…

終了コード: 0 成功 / 1 入力やデータの誤り（ファイル名と行番号を表示） / 2 使い方の誤り`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP);
    return command === undefined ? 2 : 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(HELP);
    return 0;
  }
  switch (command) {
    case "import":
      return importCommand(rest);
    case "export":
      return exportCommand(rest);
    case "serve":
      return serveCommand(rest);
    case "suggest-status":
      return suggestStatusCommand(rest);
    case "user":
      return userCommand(rest);
    default:
      console.error(`shinchoku: 不明なコマンド「${command}」です。shinchoku --help を見てください`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ShinchokuError) {
    console.error(`shinchoku: ${error.describe()}`);
    process.exitCode = 1;
  } else if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`shinchoku: ${error.message}（shinchoku --help を見てください）`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
