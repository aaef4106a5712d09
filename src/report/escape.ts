/**
 * Escaping for the three places user text (a spec's name, its data path) lands in the report:
 * HTML text and attributes, JSON data inside a <script> element, and inlined script code.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text run or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON for a `<script type="application/json">` element. The HTML parser ends a script at the
 * first `</script` whatever the JSON means, and `<!--` changes how it scans, so every `<` is
 * written as the JSON escape \u003c, which JSON.parse reads back as `<`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Code for an inline <script>: `</script` cannot occur outside a string or a regular expression
 * literal, and inside them `<\/script` means the same, so the rewrite keeps the code's meaning.
 */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}
