import { ShinchokuError } from "../domain/errors.ts";
import { exportCommand } from "./export-command.ts";
import { importCommand } from "./import-command.ts";
import { serveCommand } from "./serve-command.ts";

const HELP = `shinchoku — 行程表と進捗状況の管理・公開

使い方:
  shinchoku import FILE [--org-code CODE --org-name NAME] [--plan SLUG] [--json]
      報告書のテキスト（PDF から抽出した行程表の進捗状況）を取り込みます。
      同じ計画の後の報告は、新しい報告期として追加されます。
  shinchoku export [--format csv|json] [--table measures|roadmap] [--plan SLUG]
                   [--period YYYY-MM-DD] [--no-bom] [--out FILE]
      オープンデータとして書き出します（既定: CSV、取組の表、最新の報告期、標準出力）。
  shinchoku serve [--port N] [--load-example]
      公開サイトを起動します（既定のポートは 3000 または PORT）。

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
