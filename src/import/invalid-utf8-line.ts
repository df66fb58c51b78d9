/**
 * The line (1-based) of the first byte that is not UTF-8, counting CRLF, CR and LF as line
 * breaks the way the readers split lines; bytes that are all UTF-8 give their last line.
 * @example lineOfFirstInvalidByte(new Uint8Array([0x61, 0x0a, 0xff])) // 2
 */
export function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  // Decode growing prefixes until the error appears; line breaks before it are counted.
  let lo = 0;
  let hi = bytes.byteLength;
  const ok = (n: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  let line = 1;
  for (let i = 0; i < lo; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
