import { escapeHtml } from './escape.js';

export interface SectionOptions {
  /** A line under the title (plain text). */
  note?: string;
  /** Span the page's full width instead of one column. */
  wide?: boolean;
  /** An anchor, for links from elsewhere in the page (letters, digits, - and _). */
  id?: string;
}

/** A titled card of the report; `bodyHtml` is markup from the other builders, not user text. */
export function section(title: string, bodyHtml: string, options: SectionOptions = {}): string {
  const note = options.note === undefined ? '' : `<p class="note">${escapeHtml(options.note)}</p>`;
  const id = options.id === undefined ? '' : ` id="${escapeHtml(options.id)}"`;
  return `<section class="card${options.wide ? ' wide' : ''}"${id}><h2>${escapeHtml(title)}</h2>${note}${bodyHtml}</section>`;
}

/** A paragraph saying why a section has nothing to show. */
export function absent(reason: string): string {
  return `<p class="absent">${escapeHtml(reason)}</p>`;
}
