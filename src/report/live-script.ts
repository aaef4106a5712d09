/**
 * The live page's script (page.ts with `live`): follows the server's stream (src/live/board.ts)
 * of Server-Sent Events. Each `update` carries the sections that changed, already rendered by
 * the same section builders as the report, and the order of all of them; the script swaps those
 * sections in and redraws their charts with the report's renderer. Updates that arrive within
 * 50 ms of each other are merged first, so a busy browser draws the latest state rather than
 * every state later and later (a timer rather than a frame callback: a tab in the background,
 * which gets no frames, keeps up too). `end` means the run is over:
 * the page keeps what it shows and stops listening. Browser JavaScript as text, as
 * render-script.ts is.
 */
export const LIVE_SCRIPT = `
(() => {
  'use strict';
  const main = document.querySelector('main');
  const heading = document.querySelector('header h1');
  const status = document.querySelector('header .live-status');
  const slots = new Map();
  const forget = (slot) => {
    for (const canvas of slot.querySelectorAll('canvas')) Chart.getChart(canvas)?.destroy();
  };
  // the new markup of a section, keeping the canvas (and Chart) of each chart that is still
  // there under the same title: redrawing it with new data costs far less than a new chart
  const replace = (slot, html) => {
    const next = document.createElement('div');
    next.innerHTML = html;
    const before = [...slot.querySelectorAll('figure.chart')];
    const kept = new Set();
    next.querySelectorAll('figure.chart').forEach((figure, i) => {
      const old = before[i];
      if (old === undefined || old.querySelector('figcaption').textContent !== figure.querySelector('figcaption').textContent) return;
      const box = figure.querySelector('.chart-box');
      const oldBox = old.querySelector('.chart-box');
      oldBox.setAttribute('style', box.getAttribute('style') ?? '');
      box.replaceWith(oldBox);
      kept.add(old);
    });
    for (const old of before) if (!kept.has(old)) forget(old);
    slot.replaceChildren(...next.childNodes);
  };
  const stream = new EventSource('events');
  let pending = null;
  stream.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    if (pending === null) setTimeout(flush, 50);
    pending = pending === null ? update : { ...pending, ...update, changed: { ...pending.changed, ...update.changed } };
  });
  const flush = () => {
    if (pending !== null) apply(pending);
    pending = null;
  };
  const apply = (update) => {
    if (update.title !== undefined) document.title = heading.textContent = update.title;
    if (update.subtitle !== undefined) {
      let subtitle = document.querySelector('header .subtitle');
      if (subtitle === null) heading.after((subtitle = Object.assign(document.createElement('p'), { className: 'subtitle' })));
      subtitle.textContent = update.subtitle;
    }
    if (update.status !== undefined) status.textContent = update.status;
    for (const [id, html] of Object.entries(update.changed)) {
      let slot = slots.get(id);
      if (slot === undefined) slots.set(id, (slot = Object.assign(document.createElement('div'), { className: 'live-slot' })));
      replace(slot, html);
    }
    for (const [id, slot] of slots) {
      if (update.order.includes(id)) continue;
      forget(slot);
      slot.remove();
      slots.delete(id);
    }
    // only slots out of place move, so a chart that did not change is not disturbed
    update.order.forEach((id, i) => {
      if (main.children[i] !== slots.get(id)) main.insertBefore(slots.get(id), main.children[i] ?? null);
    });
    for (const id of Object.keys(update.changed)) if (slots.has(id)) window.remedyDrawCharts(slots.get(id));
  };
  stream.addEventListener('end', (event) => {
    stream.close();
    flush();
    status.textContent = JSON.parse(event.data).status;
    status.classList.add('ended');
  });
  // EventSource reconnects by itself; say so meanwhile
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED) status.textContent = 'connection lost; reconnecting…';
  });
})();
`;
