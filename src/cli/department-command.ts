import { parseArgs } from "node:util";
import { assignDepartment } from "../commands/departments/department-assigner.ts";
import { ShinchokuError } from "../domain/errors.ts";
import { formatItemNumbers, parseItemNumbers } from "../domain/item-number-ranges.ts";
import { departmentAssignments } from "../store/queries/department-assignment-query.ts";
import { actingAccount } from "./acting-account.ts";
import { openConfiguredStore } from "./database-url.ts";

const USAGE =
  "shinchoku department assign --plan SLUG --department 担当課 --items 56-58,60 [--role lead|contributor] [--create-department] --as ログイン名";

/**
 * `shinchoku department assign --plan 431001-1 --department 保育幼稚園課 --items 56-58,60 --as kikaku`:
 * make a department the lead (default) or a contributor of the measures of some items. A
 * department the organization does not have is refused unless `--create-department` is given.
 *
 * The command line has no session: whoever runs it already holds the database's credentials. So
 * `--as` does not sign anyone in; it names the staff member on whose behalf the change is made —
 * an existing, enabled account whose role may manage departments (planner or administrator) —
 * so that the same policy applies as on the web, and the audit trail names a person.
 */
export async function departmentCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "assign") {
    console.error(`shinchoku department: サブコマンドは assign です\n  ${USAGE}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      plan: { type: "string" },
      department: { type: "string" },
      items: { type: "string" },
      role: { type: "string", default: "lead" },
      as: { type: "string" },
      // A mistyped name used to create a department silently: now only when asked.
      "create-department": { type: "boolean", default: false },
    },
  });
  const { plan, department, items, role } = values;
  const operatorLogin = values.as;
  if (!plan || !department || !items || !operatorLogin) {
    console.error(
      `shinchoku department assign: --plan, --department, --items, --as が必要です\n  ${USAGE}`,
    );
    return 2;
  }
  if (role !== "lead" && role !== "contributor") {
    console.error("shinchoku department assign: --role は lead か contributor です");
    return 2;
  }
  const numbers = parseItemNumbers(items);
  if (!numbers) {
    console.error(
      `shinchoku department assign: --items「${items}」を 56-58,60 のように指定してください`,
    );
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const operator = await actingAccount(store, operatorLogin);
    const assignments = await departmentAssignments(store.db, plan);
    if (!assignments)
      throw new ShinchokuError("not_found", `計画 ${plan} がありません`, { field: "--plan" });
    const known = new Set(assignments.itemNumbers);
    const unknown = numbers.filter((n) => !known.has(n));
    if (unknown.length > 0)
      throw new ShinchokuError(
        "invalid_input",
        `この計画にない項目番号があります: ${formatItemNumbers(unknown)}`,
        { field: "--items" },
      );
    const done = await assignDepartment(store, operator.actor, {
      planSlug: plan,
      department,
      itemNumbers: numbers,
      role,
      createDepartment: values["create-department"],
    });
    console.log(
      `${department.trim()}を 項目 ${formatItemNumbers(numbers)} の${role === "lead" ? "主担当" : "関係課"}にしました（取組 ${done.measures}件、操作者: ${operator.displayName}（${operator.login}））`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
