import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  figureFieldOfRow,
  figuresToSave,
  initialFigureRows,
  parseFigureRows,
  redisplayedFigureRows,
} from "./figure-form.ts";

const TRAMS = { value: 19, total: 35, unit: "電停", qualifier: null, text: "35電停中19電停" };

describe("the 数値 rows of the progress form", () => {
  it("starts with the stored figures, the proposals not stored yet and one empty row", () => {
    const rows = initialFigureRows([TRAMS], "35電停中19電停が改良済、約935mを整備");
    assert.deepEqual(
      rows.map((r) => [r.kind, r.value, r.total, r.unit, r.qualifier, r.text, r.checked]),
      [
        ["stored", "19", "35", "電停", "", "35電停中19電停", false],
        ["proposed", "935", "", "m", "約", "約935m", false],
        ["new", "", "", "", "", "", false],
      ],
    );
  });

  it("saves stored rows not removed, ticked proposals and filled new rows, and moves an error to its row", () => {
    const rows = parseFigureRows({
      "figures.0.kind": "stored",
      "figures.0.value": "19",
      "figures.0.remove": "1",
      "figures.1.kind": "proposed",
      "figures.1.value": "935",
      "figures.2.kind": "proposed",
      "figures.2.value": "12",
      "figures.2.confirm": "1",
      "figures.3.kind": "new",
      "figures.3.value": "",
      "figures.4.kind": "new",
      "figures.4.unit": "人",
      "figures.6.kind": "new",
    });
    assert.equal(rows?.length, 5, "rows end at the first gap");
    const { figures, rowIndex } = figuresToSave(rows ?? []);
    assert.deepEqual(
      figures.map((f) => [f.value, f.unit]),
      [
        ["12", ""],
        ["", "人"],
      ],
    );
    assert.deepEqual(rowIndex, [2, 4]);
    assert.equal(figureFieldOfRow("figures.1.value", rowIndex), "figures.4.value");
    assert.equal(figureFieldOfRow("narrative", rowIndex), "narrative");
  });

  it("knows a form that posted no rows from one whose rows were all removed", () => {
    assert.equal(parseFigureRows({ narrative: "x" }), null);
    assert.deepEqual(figuresToSave(parseFigureRows({ "figures.0.kind": "new" }) ?? []).figures, []);
  });

  it("shows a refused form's rows as typed, with one empty row at the end", () => {
    const typed = parseFigureRows({
      "figures.0.kind": "new",
      "figures.0.value": "たくさん",
      "figures.1.kind": "new",
    });
    const rows = redisplayedFigureRows(typed ?? [], "");
    assert.deepEqual(
      rows.map((r) => [r.kind, r.value]),
      [
        ["new", "たくさん"],
        ["new", ""],
      ],
    );
  });
});
