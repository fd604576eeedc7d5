/**
 * Centred title and subtitle lines appended to an SVG root (Observable Plot has no
 * title of its own; the margins of each plot leave room for them).
 *
 * @module
 */

/**
 * Appends `title` (bold, 14 px, y = 18) and `subtitle` (11 px, y = 36), centred on `width`.
 * Exercised through `linePlot` and the scatter plots (test/display).
 */
export function appendTitle(svg: Element, width: number, title: string | undefined, subtitle: string | undefined): void {
  if (!title) return;
  const add = (text: string, y: number, size: number, weight: string): void => {
    const el = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'text');
    el.setAttribute('x', String(width / 2));
    el.setAttribute('y', String(y));
    el.setAttribute('text-anchor', 'middle');
    el.setAttribute('font-size', String(size));
    el.setAttribute('font-weight', weight);
    el.textContent = text;
    svg.appendChild(el);
  };
  add(title, 18, 14, 'bold');
  if (subtitle) add(subtitle, 36, 11, 'normal');
}
