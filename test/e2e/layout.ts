// Layout checks run inside the page: what a person at a small office screen would notice.
import type { Page } from '@playwright/test';

/** The smallest text size anyone should have to read (px). */
export const MIN_FONT_PX = 13;

/**
 * Problems of the page as shown now, as readable lines (empty when fine):
 * - visible text smaller than MIN_FONT_PX;
 * - the page wider than the window (a horizontal scroll bar on the whole app);
 * - a control, heading or column header cut off at the right, by the window or by a box that
 *   clips or scrolls sideways (a table whose last column needs scrolling to be seen);
 * - a "Lưu" button that wrapped onto a row of its own, away from the buttons beside it;
 * - an open dialog that does not fit in the window.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((minFont) => {
    const problems: string[] = [];
    // With a modal dialog open, what is behind it was checked on its own.
    const scope = document.querySelector('[role=dialog][aria-modal=true]') ?? document.body;
    const describe = (el: Element) => {
      const label =
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const cls = typeof el.className === 'string' && el.className ? `.${el.className}` : '';
      return `<${el.tagName.toLowerCase()}${cls}> "${label}"`;
    };
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      // Only what is on screen vertically: a long list continues below, by design.
      return rect.bottom > 0 && rect.top < window.innerHeight;
    };
    const clipped = (el: Element) => el.closest('.visually-hidden') !== null;

    for (const el of scope.querySelectorAll('*')) {
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      if (!hasText || !shown(el) || clipped(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minFont - 0.01) problems.push(`text ${size}px: ${describe(el)}`);
    }

    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth + 1) {
      problems.push(`page is ${width}px wide in a ${window.innerWidth}px window`);
    }

    const important = 'button, input, select, textarea, th, [role=columnheader], h1, h2, label';
    for (const el of scope.querySelectorAll(important)) {
      if (!shown(el) || clipped(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.right > window.innerWidth + 1 || rect.left < -1) {
        problems.push(`outside the window (${Math.round(rect.right)}px): ${describe(el)}`);
        continue;
      }
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'visible') continue;
        const edge = box.getBoundingClientRect().right;
        if (rect.right > edge + 1) {
          problems.push(
            `cut off by ${describe(box).slice(0, 40)} at ${Math.round(edge)}px: ${describe(el)}`,
          );
          break;
        }
      }
    }

    for (const button of scope.querySelectorAll('button')) {
      if ((button.textContent ?? '').trim() !== 'Lưu' || !shown(button)) continue;
      const siblings = [...(button.parentElement?.children ?? [])].filter(
        (s) => s !== button && s.tagName === 'BUTTON' && shown(s),
      );
      const own = button.getBoundingClientRect();
      const middle = own.top + own.height / 2;
      const onItsRow = (s: Element) => {
        const r = s.getBoundingClientRect();
        return r.top <= middle && r.bottom >= middle;
      };
      if (siblings.length > 0 && !siblings.some(onItsRow)) {
        problems.push(`"Lưu" sits on a row of its own, away from ${describe(siblings[0]!)}`);
      }
    }

    for (const dialog of document.querySelectorAll('[role=dialog]')) {
      const rect = dialog.getBoundingClientRect();
      if (
        rect.top < 0 ||
        rect.left < 0 ||
        rect.bottom > window.innerHeight + 1 ||
        rect.right > window.innerWidth + 1
      ) {
        problems.push(`dialog does not fit the window: ${describe(dialog)}`);
      }
    }
    return problems;
  }, MIN_FONT_PX);
}
