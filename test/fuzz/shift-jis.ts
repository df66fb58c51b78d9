/**
 * Text encoded as Shift_JIS (CP932), for inputs saved by Excel in Japan. iconv-lite is not
 * installed, so the table is made by decoding every two-byte sequence with the platform's
 * decoder; a character without a Shift_JIS code becomes `?`.
 * @example shiftJis("項目") // Uint8Array [0x8d, 0x80, 0x96, 0xda]
 */
export function shiftJis(text: string): Uint8Array {
  const table = encoderTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

let table: Map<string, number[]> | undefined;

function encoderTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  for (let b = 0xa1; b <= 0xdf; b++) add(decoder, [b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add(decoder, [lead, trail]);
  }
  return table;
}

function add(decoder: { decode(bytes: Uint8Array): string }, bytes: number[]) {
  try {
    const ch = decoder.decode(new Uint8Array(bytes));
    // The first code wins: CP932 has duplicates (NEC and IBM extensions), Excel writes the first.
    if ([...ch].length === 1 && !table?.has(ch)) table?.set(ch, bytes);
  } catch {
    // Not a character in CP932.
  }
}
