/**
 * The live page's script (page.ts with `live`): follows the server's stream (src/live/board.ts)
 * of Server-Sent Events. Each `update` carries the sections that changed, already rendered by
 * the same section builders as the report, and the order of all of them; the script swaps those
 * sections in and redraws their charts with the report's renderer. `end` means the run is over:
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
  const stream = new EventSource('events');
  stream.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
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
      else forget(slot);
      slot.innerHTML = html;
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
    for (const id of Object.keys(update.changed)) window.remedyDrawCharts(slots.get(id));
  });
  stream.addEventListener('end', (event) => {
    stream.close();
    status.textContent = JSON.parse(event.data).status;
    status.classList.add('ended');
  });
  // EventSource reconnects by itself; say so meanwhile
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED) status.textContent = 'connection lost; reconnecting…';
  });
})();
`;
