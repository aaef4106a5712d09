import { escapeHtml } from './escape.js';
import { absent, section } from './section.js';
import { describeChange, specDiff } from './spec-diff.js';

/** The repaired spec as changes to the original, one path a line, old value → new value. */
export function specDiffSection(original: unknown, final: unknown, title = 'Changes to the spec'): string {
  const changes = specDiff(original, final);
  if (changes.length === 0) return section(title, absent('None: the spec is unchanged.'), { wide: true });
  const marked = (part: string, text: string) => `<span class="${part}">${escapeHtml(text)}</span>`;
  const lines = changes.map((c) => `<li class="${c.kind}">${describeChange(c, marked)}</li>`);
  const note = `${changes.length} change${changes.length === 1 ? '' : 's'} from the spec as written (~ changed, + added, − removed).`;
  return section(title, `<ul class="diff">${lines.join('')}</ul>`, { wide: true, note, id: 'changes' });
}
