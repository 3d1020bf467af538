/** Whether `c` is blank: any space, line break or invisible filler that pasting drags along (NEL, NBSP, the
 * Unicode spaces, zero-width space, BOM). URL trimming and the scanner's tokenizer agree on this one set. */
export function isBlank(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
