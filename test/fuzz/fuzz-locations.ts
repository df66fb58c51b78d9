import type { ShinchokuError } from "../../src/domain/errors.ts";

/** The most lines bytes can hold: one more than their line breaks (CR, LF or CRLF). */
export function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) n++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) n++;
  }
  return n;
}

/**
 * What a location is for text and CSV: the file, and a line (1-based) that the file has.
 * @example namesLine(error, ["measures.csv"], lineCount(bytes))
 */
export function namesLine(error: ShinchokuError, files: string[], lines: number): boolean {
  const { file, line } = error.location;
  return (
    file !== undefined &&
    files.includes(file) &&
    Number.isInteger(line) &&
    (line as number) >= 1 &&
    (line as number) <= lines
  );
}
