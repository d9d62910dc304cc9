// Issue 11 item 6: nothing the command line prints can drive the terminal. A unit name with an
// escape sequence (setting the window's title), C1 controls or bidi overrides is printed with
// those characters escaped, in text and in JSON (which stays JSON for the same value), on
// stdout and stderr alike.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalJson, terminalText } from '../../electron/cli/terminal-text';
import type { UnitDetail, UnitRow } from '../../shared/contract';
import { cleanupTemp, tempDbPath } from '../helpers/backend';
import { cli } from '../helpers/cli';

afterEach(cleanupTemp);

/** Sets the window title to "pwned" (OSC 0 … BEL) in xterm-like terminals. */
const TITLE = '\x1b]0;pwned\x07';
/** C1 CSI (U+009B) "2J": clears the screen in terminals that honour C1. */
const CSI = '\u009b2J';
/** A right-to-left override, then back: "Chi bộ" would be shown reversed. */
const BIDI = '\u202eChi bộ\u202c';

/** What may never reach a terminal raw (the line feed is the output's own). */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('shows escape sequences, C0, DEL and C1 controls as \\xHH and bidi controls as \\uHHHH', () => {
    expect(terminalText(`Đảng bộ ${TITLE}`)).toBe('Đảng bộ \\x1B]0;pwned\\x07');
    expect(terminalText(CSI)).toBe('\\x9B2J');
    expect(terminalText(BIDI)).toBe('\\u202EChi bộ\\u202C');
    expect(terminalText('a\rb\bc\td\x7fe\0')).toBe('a\\x0Db\\x08c\\x09d\\x7Fe\\x00');
    expect(terminalText('\u2066x\u2069\u200f')).toBe('\\u2066x\\u2069\\u200F');
  });

  it('keeps line feeds and Vietnamese text as they are', () => {
    const text = 'Đảng bộ xã Đồng Ý\n  Hòa Sơn: HTTNV → TSVM (91,2%)';
    expect(terminalText(text)).toBe(text);
  });
});

describe('terminalJson', () => {
  it('is JSON of the same value, with no raw control or bidi character', () => {
    const value = { name: `${TITLE}${CSI}${BIDI}\u0085`, rows: [1, 'Đồng Ý'] };
    const json = terminalJson(value);
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toContain('\\u001b]0;pwned\\u0007');
    expect(json).toContain('\\u009b2J');
    expect(json).toContain('\\u202eChi');
  });
});

describe('tccsd prints no raw control characters', () => {
  /** A unit whose name was edited outside the app (another SQLite tool) to hold `name`. */
  async function fileWithName(name: string): Promise<{ db: string; id: string }> {
    const db = tempDbPath();
    const added = await cli(db, 'units', 'add', '--name', 'Chi bộ Thôn Bản Làng', '--json');
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.out) as UnitDetail;
    const sqlite = new Database(db);
    sqlite.prepare('UPDATE unit_versions SET name = ? WHERE unit_id = ?').run(name, id);
    sqlite.close();
    return { db, id };
  }

  const name = `Chi bộ ${TITLE}${CSI}${BIDI}`;

  it('escapes a unit name holding an escape sequence, C1 and bidi controls in text output', async () => {
    const { db, id } = await fileWithName(name);
    for (const args of [
      ['units', 'list', '--year', '2017'],
      ['units', 'show', id, '--year', '2017'],
    ]) {
      const printed = await cli(db, ...args);
      expect(printed.code, printed.err).toBe(0);
      expect(printed.out).not.toMatch(RAW_CONTROL);
      expect(printed.out).toContain('Chi bộ \\x1B]0;pwned\\x07\\x9B2J\\u202EChi bộ\\u202C');
    }
  });

  it('gives the name back unchanged through --json, with no raw control character', async () => {
    const { db, id } = await fileWithName(name);
    const printed = await cli(db, 'units', 'list', '--year', '2017', '--json');
    expect(printed.code, printed.err).toBe(0);
    expect(printed.out).not.toMatch(RAW_CONTROL);
    const rows = JSON.parse(printed.out) as UnitRow[];
    expect(rows.find((r) => r.id === id)?.name).toBe(name);
  });

  it('escapes what an error message echoes from the command typed', async () => {
    const db = tempDbPath();
    const printed = await cli(db, 'units', `list${TITLE}`);
    expect(printed.code).toBe(2);
    expect(printed.err).toContain('Lệnh không hợp lệ: units list\\x1B]0;pwned\\x07');
    expect(printed.err).not.toMatch(RAW_CONTROL);
    const option = await cli(db, 'units', 'list', '--year', `20${CSI}17`);
    expect(option.code).toBe(2);
    expect(option.err).toContain('20\\x9B2J17');
    expect(option.err).not.toMatch(RAW_CONTROL);
  });
});
