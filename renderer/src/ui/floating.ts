// Lists that open under a field or a cell (the unit picker's matches, the grid's choices) float
// above the page with `position: fixed`, so a dialog or a scrolling table never cuts them off.

/** Room kept between a floating list and the window's edge (px). */
const MARGIN = 8;

/**
 * Puts `float` under `anchor`, or above it when the window has more room there, no taller than
 * that room and no narrower than the anchor, inside the window.
 */
export function placeNear(float: HTMLElement, anchor: HTMLElement): void {
  const box = anchor.getBoundingClientRect();
  const below = window.innerHeight - box.bottom - MARGIN;
  const above = box.top - MARGIN;
  float.style.maxHeight = '';
  float.style.minWidth = `${box.width}px`;
  const wanted = float.offsetHeight;
  const down = wanted <= below || below >= above;
  const height = Math.max(0, Math.min(wanted, down ? below : above));
  float.style.maxHeight = `${height}px`;
  float.style.top = `${down ? box.bottom + 2 : box.top - height - 2}px`;
  const right = window.innerWidth - float.offsetWidth - MARGIN;
  float.style.left = `${Math.max(0, Math.min(box.left, right))}px`;
}

/**
 * Keeps `float` placed near its anchor while the page scrolls or the window changes size; calls
 * `onLost` when the anchor is gone (e.g. its row scrolled out of a virtual list). Returns the
 * function that stops following.
 */
export function followAnchor(
  float: HTMLElement,
  anchor: () => HTMLElement | null,
  onLost: () => void,
): () => void {
  const place = (event?: Event) => {
    // The list's own scrolling moves nothing (and re-measuring would reset it to the top).
    if (event?.target instanceof Node && float.contains(event.target)) return;
    const element = anchor();
    if (element) placeNear(float, element);
    else onLost();
  };
  place();
  window.addEventListener('scroll', place, true);
  window.addEventListener('resize', place);
  return () => {
    window.removeEventListener('scroll', place, true);
    window.removeEventListener('resize', place);
  };
}
