// What the command line prints reaches a terminal, which obeys control characters: ESC starts a
// sequence that can set the window's title, move the cursor, rewrite what was printed or (in some
// terminals) answer back as if typed; C1 characters (U+0080–U+009F, CSI is U+009B) do the same in
// terminals that honour them; a carriage return or backspace overwrites a line; bidi overrides
// (U+202A–U+202E, U+2066–U+2069) make text read in another order than it is stored. A unit name,
// a cell echoed from a file or an argument can hold any of them: the register's schemas strip
// them from what the app writes, but a data file edited with another tool, or an argument, does
// not go through those. So every line the CLI prints goes through here, once.

/**
 * C0 controls but the line feed (the output's own line breaks), DEL, C1, the bidi embeddings,
 * overrides and isolates, and the bidi marks (LRM, RLM, ALM).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The characters JSON.stringify leaves raw that a terminal still obeys (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (char: string, digits: number) =>
  (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(digits, '0');

/** Text made safe to print: each unsafe character shown as an escape ("\x1B", "\u202E"). */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (char) =>
    char.charCodeAt(0) < 0x100 ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`,
  );
}

/**
 * A value as JSON for the terminal: JSON.stringify already writes C0 controls as \u escapes;
 * DEL, C1 and the bidi controls it leaves raw are written as \u escapes too, which is still
 * JSON for the same value (they can only occur inside strings).
 */
export function terminalJson(value: unknown): string {
  // Lower-case hex, as JSON.stringify writes its own escapes ("\u001b").
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${hex(char, 4).toLowerCase()}`,
  );
}

/** The command line's output callbacks (cli.ts's CliIo). */
interface Printers {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: (line: string) => void;
}

/** The same callbacks, each given only text made safe to print. */
export function terminalIo(io: Printers): Printers {
  const { progress } = io;
  return {
    out: (text) => io.out(terminalText(text)),
    err: (text) => io.err(terminalText(text)),
    ...(progress ? { progress: (line: string) => progress(terminalText(line)) } : {}),
  };
}
