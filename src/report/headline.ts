import { escapeHtml } from './escape.js';

export interface Headline {
  label: string;
  value: string;
  /** A line of context under the value. */
  detail?: string;
  /** Colours the value: green for a run that finished, amber for an interrupted one, red for a diverged one. */
  tone?: 'good' | 'warn' | 'bad';
}

/** The run's numbers at a glance, as a row of tiles: what a reader looks for first. */
export function headlineSection(headlines: readonly Headline[]): string {
  const tiles = headlines.map((h) => {
    const tone = h.tone === undefined ? '' : ` ${h.tone}`;
    const detail = h.detail === undefined ? '' : `<div class="detail">${escapeHtml(h.detail)}</div>`;
    return `<div class="tile"><div class="label">${escapeHtml(h.label)}</div><div class="value${tone}">${escapeHtml(h.value)}</div>${detail}</div>`;
  });
  return `<section class="headlines wide">${tiles.join('')}</section>`;
}
