// One tone-mark style in everything people read: the UI strings, the messages of the backend and
// the command line, and the documentation write "ủy, hủy, xóa, hòa" as party documents do, never
// "uỷ, huỷ, xoá, hoà". (Search still treats both as equal: see text.test.ts.)
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { vi } from '../../renderer/src/i18n/vi';
import {
  LINEAGE_EVENT_LABELS,
  UNIT_KIND_LABELS,
  UNIT_SECTOR_LABELS,
} from '../../shared/domain/units';

const ROOT = join(__dirname, '..', '..');

/**
 * A word whose tone sits on the second vowel of "oa", "oe" or "uy" with no final consonant: the
 * old placement (hoà, xoá, khoẻ, uỷ, thuỷ). "qu" is a consonant, so "quý" is not one of them.
 */
const OLD_PLACEMENT = /\p{L}*(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})/gu;

/** The same word with the tone on the first vowel of the pair (hoà → hòa, uỷ → ủy). */
function newPlacement(word: string): string {
  const letters = [...word.normalize('NFD')];
  const markAt = letters.length - 1;
  const mark = letters[markAt]!;
  // NFD puts the base letter of the last vowel just before its tone mark.
  letters.splice(markAt, 1);
  letters.splice(markAt - 2 + 1, 0, mark);
  return letters.join('').normalize('NFC');
}

/** Old-placement words in a text, except where the text shows them beside the new form on purpose. */
function oldPlacements(text: string): string[] {
  const words = [...text.matchAll(OLD_PLACEMENT)].map((m) => m[0]);
  return words.filter((w) => !text.toLowerCase().includes(newPlacement(w).toLowerCase()));
}

function filesUnder(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.some((e) => entry.name.endsWith(e))) out.push(path);
  }
  return out;
}

/** Every string literal, template part and JSX text of a source file, with its line. */
function stringsOf(path: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(join(ROOT, path), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ line, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the tone-mark check itself', () => {
  test('finds the old placement and leaves the new one, "quý" and closed syllables alone', () => {
    expect(oldPlacements('Huỷ thay đổi; xoá; Đảng uỷ; khoẻ; thuỷ lợi; HOÀ')).toEqual([
      'Huỷ',
      'xoá',
      'uỷ',
      'khoẻ',
      'thuỷ',
      'HOÀ',
    ]);
    expect(oldPlacements('Hủy thay đổi; xóa; Đảng ủy; khỏe; quý; hoàn thành; toán; tuyển')).toEqual(
      [],
    );
  });

  test('accepts the old form where the text shows it beside the new one (search folding)', () => {
    expect(oldPlacements('"hoa son" tìm được cả "Hòa Sơn" và "Hoà Sơn"')).toEqual([]);
  });
});

describe('one tone-mark style (ủy, hủy, xóa, hòa)', () => {
  test('in every UI string of renderer/src/i18n/vi.ts', () => {
    const strings: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(vi);
    expect(strings.length).toBeGreaterThan(100);
    expect(strings.flatMap(oldPlacements)).toEqual([]);
  });

  test('in the labels of kinds, sectors and lineage events', () => {
    const labels = [
      ...Object.values(UNIT_KIND_LABELS),
      ...Object.values(UNIT_SECTOR_LABELS),
      ...Object.values(LINEAGE_EVENT_LABELS),
    ];
    expect(labels.flatMap(oldPlacements)).toEqual([]);
  });

  test('in every message and string of the app, the backend and the command line', () => {
    const sources = [
      ...filesUnder('renderer/src', ['.ts', '.tsx']),
      ...filesUnder('shared', ['.ts']),
      ...filesUnder('electron', ['.ts']),
    ];
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.flatMap((path) =>
      stringsOf(path).flatMap(({ line, text }) =>
        oldPlacements(text).map((word) => `${relative('.', path)}:${line}: ${word}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  test('in the user guide, the README and the other documents', () => {
    const docs = [...filesUnder('docs', ['.md']), 'README.md'];
    const offenders = docs.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((text, i) => oldPlacements(text).map((word) => `${path}:${i + 1}: ${word}`)),
    );
    expect(offenders).toEqual([]);
  });
});
