import { escapeHtml } from './escape.js';
import { section } from './section.js';

/** A run spec as indented JSON, with the defaults the schema filled in, so the run can be repeated. */
export function specSection(spec: unknown, title = 'Spec'): string {
  return section(title, `<pre class="json">${escapeHtml(JSON.stringify(spec, null, 2))}</pre>`, { note: 'As run, defaults filled in.', wide: true });
}
