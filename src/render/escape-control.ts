/** Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, bidi overrides. */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const named: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text from the user's input made safe to print on a terminal: every control character written
 * as an escape (`\x1b`, `\n`, `\u202e`), so a field name or tag key cannot erase the line it is
 * on, retitle the terminal or reorder what is shown.
 */
export function escapeControl(text: string): string {
  return text.replace(controlCharacters, (char) => {
    if (named[char] !== undefined) return named[char];
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
