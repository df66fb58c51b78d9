import { ShinchokuError } from "../domain/errors.ts";
import { backupCommand } from "./backup-command.ts";
import { departmentCommand } from "./department-command.ts";
import { describeExpectedFailure } from "./expected-failure.ts";
import { exportCommand } from "./export-command.ts";
import { generateCommand } from "./generate-command.ts";
import { importCommand } from "./import-command.ts";
import { mappingCommand } from "./mapping-command.ts";
import { remindCommand } from "./remind-command.ts";
import { restoreCommand } from "./restore-command.ts";
import { serveCommand } from "./serve-command.ts";
import { suggestStatusCommand } from "./suggest-status-command.ts";
import { tokenCommand } from "./token-command.ts";
import { userCommand } from "./user-command.ts";

const HELP = `shinchoku — 行程表と進捗状況の管理・公開

使い方:
  shinchoku import FILE [--org-code CODE --org-name NAME] [--plan SLUG] [--json]
      報告書のテキスト（PDF から抽出した行程表の進捗状況）を取り込みます。
      同じ計画の後の報告は、新しい報告期として追加されます。
  shinchoku import measures.csv [--roadmap roadmap.csv] [--org-code CODE --org-name NAME] [--json]
      取組の CSV（export --table measures と同じ列）と行程表の CSV から計画を取り込みます。
  shinchoku import FILE.xlsx --as LOGIN [--json]
      担当課が記入した取組の一覧（export --format xlsx）を、受付中の報告期の下書きとして取り込みます。
      LOGIN の職員の権限で行ごとに確かめ、変更・取込不可（理由）を行ごとに表示します（取込不可の行があれば終了コード 1）。
  shinchoku import FILE.xlsx|FILE.csv|FILE.tsv --mapping MAPPING.json [--org-code CODE --org-name NAME] [--json]
      市町村の表（どんな形でも）を、列の対応表に従って取り込みます（docs/import-mapping.md）。
      同じファイルを同じ対応表でもう一度取り込んでも何も変わりません。後の基準日なら報告期が増えます。
  （取込共通）--create-departments: データの担当課（部局・担当課の列）が団体にないとき、作って取込結果に示します。
      付けなければ、ない担当課を挙げて取込全体を断ります（何も保存しません）。
  shinchoku mapping suggest FILE > MAPPING.json
      表の見出しから対応表のたたき台を作ります。確かめて直してから --mapping に渡してください。
  shinchoku export [--format csv|json] [--table measures|roadmap|fields] [--plan SLUG]
                   [--period YYYY-MM-DD] [--no-bom] [--out FILE]
      オープンデータとして書き出します（既定: CSV、取組の表、最新の報告期、標準出力）。
  shinchoku export --format pdf --out FILE    報告書（行程表と進捗状況）を PDF（A4 横）で書き出します。
  shinchoku export --format xlsx --out FILE   取組の一覧を Excel で書き出します（担当課への照会用）。
  shinchoku serve [--port N] [--host ADDR] [--load-example]
      公開サイトを起動します（既定のポートは 3000 または PORT）。職員用は /staff。
      ログは標準出力に JSON で1行ずつ。/healthz（稼働）と /readyz（保存先に接続できるか）。
  shinchoku suggest-status [--json]
      標準入力の進捗状況（1行に1件）から状況区分を提案し、1行に1件（または unknown）を出力します。
  shinchoku user add --org-code CODE --login NAME --role ROLE [--name 表示名] [--department 担当課 [--create-department]] < パスワード
      職員のアカウントを作ります（ROLE: administrator, planner, departmentEditor, viewer）。
      パスワード（12文字以上）は標準入力の1行目から読みます。既定のパスワードはありません。
      ない担当課は --create-department を付けたときだけ作ります。
  shinchoku user list|disable LOGIN|enable LOGIN|set-role LOGIN ROLE [--department 担当課] --as 管理者
      アカウントの一覧・無効化（セッションを終了し、発行した API トークンも使えなくなります）・再有効化・役割の変更。
  shinchoku department assign --plan SLUG --department 担当課 --items 56-58,60 [--role lead|contributor] [--create-department] --as ログイン名
      項目の取組を担当課に割り当てます（既定は主担当）。--as は操作を行う企画課・管理者のアカウントで、監査記録に残ります。
      ない担当課は --create-department を付けたときだけ作ります（付けなければ打ち間違いとして断ります）。
  shinchoku token issue|revoke|list --as 管理者 [--department 担当課 --name 名前 | --id N]
      担当課の API トークンを発行（一度だけ表示）・無効化・一覧します（docs/api.md）。
  shinchoku generate --orgs N [--plans-per-org 2] [--periods 8] [--seed 1] [--from-year 2013] [--json]
      試験・性能測定用に、全国の団体と計画のデータ（同じ引数なら同じ内容）を生成して保存先に書き込みます。
      全国規模は --orgs 1741。生成する団体コードがすでにある保存先には書き込みません（空の保存先に生成してください）。
  shinchoku remind [--dry-run] [--date YYYY-MM-DD] [--json]
      締切の N 営業日前（SHINCHOKU_REMINDER_DAYS、既定 3）を過ぎた受付中の報告期について、未提出の担当課への
      催促と企画課へのまとめを作り、メールを送ります（serve も定期的に同じことをします。同じ催促は二度作りません）。
      --dry-run は、誰に何を送るかを表示するだけで何も保存しません。
  shinchoku backup --out FILE
      保存先全体を、ある時点のまま1つのファイル（gzip）に書き出します。公開サイトを動かしたまま使えます。
  shinchoku restore FILE [--force] [--yes] [--allow-unsigned]
      バックアップを空の保存先に復元します（--force: 今のデータをすべて置き換えます）。ログインは復元しません。
      まずファイル全体を確かめ、作られるアカウント・役割・API トークンを表示します。書き込むのは --yes のときだけです。
      SHINCHOKU_BACKUP_KEY があれば署名を確かめ、署名のないバックアップは --allow-unsigned がない限り復元しません。

環境変数:
  DATABASE_URL  sqlite:PATH（既定 sqlite:./data/shinchoku.db）または postgres://…
  SHINCHOKU_BACKUP_KEY  backup の署名と restore の確認に使う鍵（32文字以上。ファイルに書かず環境に置く）
  serve のみ: DATABASE_READ_URL, PORT, HOST, PUBLIC_BASE_URL, LOG_LEVEL（debug|info|warn|error|silent）,
              SHINCHOKU_TRUSTED_PROXIES, SHINCHOKU_LICENCE（docs/configuration.md）
  serve と remind: SHINCHOKU_SMTP_HOST, _PORT, _SECURE, _USER, _PASSWORD, _FROM（メール。なければ送りません）,
              SHINCHOKU_REMINDER_DAYS（締切の何営業日前に催促するか、既定 3）

終了コード: 0 成功 / 1 入力やデータの誤り（ファイル名と行番号を表示） / 2 使い方の誤り / 3 restore の確認待ち（--yes なし、何も書き込んでいません）
  出力先が先に閉じられたとき（shinchoku export | head など）は、何も表示せずに 0 で終わります。`;

/**
 * The command line without its process: dispatches `argv` (the words after `shinchoku`) to its
 * command and turns the failures a person can cause into one line on standard error and an exit
 * code (1 for input or data, 2 for usage). Any other error is thrown: a bug, with its stack.
 * bin/shinchoku.js runs it through main.ts; tests run it in their own process
 * (test/factories/cli-run.ts), since starting the executable costs seconds.
 * @example process.exitCode = await runCli(["export", "--format", "json"]);
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof ShinchokuError) {
      console.error(`shinchoku: ${error.describe()}`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`shinchoku: ${error.message}（shinchoku --help を見てください）`);
      return 2;
    }
    const expected = describeExpectedFailure(error);
    if (expected !== null) {
      console.error(`shinchoku: ${expected}`);
      return 1;
    }
    throw error;
  }
}

async function dispatch(argv: string[]): Promise<number> {
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
    case "mapping":
      return mappingCommand(rest);
    case "generate":
      return generateCommand(rest);
    case "backup":
      return backupCommand(rest);
    case "restore":
      return restoreCommand(rest);
    case "serve":
      return serveCommand(rest);
    case "remind":
      return remindCommand(rest);
    case "suggest-status":
      return suggestStatusCommand(rest);
    case "user":
      return userCommand(rest);
    case "department":
      return departmentCommand(rest);
    case "token":
      return tokenCommand(rest);
    default:
      console.error(`shinchoku: 不明なコマンド「${command}」です。shinchoku --help を見てください`);
      return 2;
  }
}
