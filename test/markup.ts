/** Markup checks shared by the display tests and the display fuzz cases. */

/**
 * Well-formed markup (XML-like): every element closed in order, attribute
 * values quoted, no stray '<' or unescaped '&'. For SVG: a single <svg> root
 * with the SVG namespace.
 */
export function markupProblem(text: string, svg: boolean): string | null {
  if (svg) {
    if (!/^<svg[\s>]/.test(text)) return 'does not start with <svg';
    if (!/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(text)) return 'no SVG namespace on the root';
  }
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  let roots = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m[6] !== undefined) return `stray '<' at ${m.index}: ${text.slice(m.index, m.index + 40)}`;
    if (m[5] !== undefined) {
      if (/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/.test(m[5])) return `unescaped & in text at ${m.index}`;
      if (svg && stack.length === 0 && m[5].trim() !== '') return 'text outside the root';
      continue;
    }
    if (m[2] === undefined) continue; // comment
    const [, closing, name, attrs, selfClosing] = m;
    if (/\s[\w:.-]+\s*=\s*[^"'\s]/.test(attrs)) return `unquoted attribute in <${name}>`;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open}>`;
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length) return `unclosed <${stack.join('> <')}>`;
  return !svg || roots === 1 ? null : `${roots} root elements`;
}

/** A MIME bundle of the library: text, well-formed HTML (with the SVG inline), well-formed SVG, no NaN. */
