/**
 * The page's own script: draws every `figure.chart` from the JSON next to its canvas (see
 * chart.ts) with Chart.js; a live page calls it again (`remedyDrawCharts`) on each section it
 * receives. Kept as browser JavaScript text because the compiler targets Node
 * (no DOM types); it is small and only reads the ChartSpec shape.
 */
export const RENDER_SCRIPT = `
(() => {
  'use strict';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.animation = false;
  const gridColor = '#eceef1';
  const grouped = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
  // plain decimals where they read well (0.0005, 1,234), powers of ten beyond (1e-7, 1e+38)
  const format = (v) => {
    const size = Math.abs(v);
    if (v !== 0 && (size < 1e-4 || size >= 1e6)) return Number(v.toPrecision(3)).toExponential();
    return size >= 1000 ? grouped.format(v) : String(Number(v.toPrecision(4)));
  };
  window.remedyDrawCharts = (root) => {
    for (const figure of root.querySelectorAll('figure.chart')) {
      const spec = JSON.parse(figure.querySelector('script.chart-data').textContent);
      // with many epochs the points would crowd the lines; the tooltip still finds every epoch
      const pointRadius = spec.labels.length > 40 ? 0 : 2.5;
      const axisTitle = (text) => ({ display: true, text, color: '#374151', font: { weight: '500' } });
      // the labels' axis and the values' axis; a horizontal chart puts the labels on the left
      const points = spec.kind === 'points';
      // points charts put their dots and interval bars at the middle of each label's slot
      const labelAxis = { title: axisTitle(spec.xTitle), grid: { display: false }, offset: points };
      const valueAxis = {
        type: spec.logY ? 'logarithmic' : 'linear',
        beginAtZero: spec.fromZero === true,
        title: axisTitle(spec.yTitle),
        grid: { color: spec.logY ? logGrid : gridColor },
        border: { display: false },
        // logTick already thins a log axis' labels; skipping more would drop the ones it chose
        ticks: spec.logY ? { callback: logTick, autoSkip: false } : { callback: (v) => format(v), maxTicksLimit: 7 },
      };
      const valueOf = (item) => (spec.horizontal ? item.parsed.x : item.parsed.y);
      const datasets = spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        borderColor: s.color,
        backgroundColor: spec.kind === 'bar' ? s.color + 'b3' : s.color,
        borderDash: s.dashed ? [6, 4] : [],
        borderWidth: spec.kind === 'bar' ? 0 : 2,
        pointRadius: points ? 4 : pointRadius,
        pointHoverRadius: points ? 6 : 4,
        pointStyle: s.pointStyle ?? 'circle',
        showLine: !points,
        maxBarThickness: 48,
        // grouped bars (one series a group, null elsewhere) stay centred on their label
        skipNull: true,
      }));
      if (spec.intervals) {
        const marks = spec.intervals;
        datasets.unshift(
          { type: 'line', label: 'mean', data: marks.map((m) => (m ? m.mean : null)), showLine: false, pointStyle: 'line', pointRadius: 16, pointHoverRadius: 16, borderColor: '#111827', backgroundColor: '#111827', borderWidth: 3 },
          { type: 'bar', label: '95% interval', data: marks.map((m) => (m ? [m.low, m.high] : null)), backgroundColor: '#9ca3af66', borderWidth: 0, barPercentage: 0.3, skipNull: true },
        );
      }
      if (spec.reference) {
        const ref = spec.reference;
        // a wide dash at each label as well as the line between them: one label has no line
        datasets.push({ type: 'line', label: ref.label, data: spec.labels.map(() => ref.value), borderColor: '#6b7280', borderDash: [4, 4], borderWidth: 1.5, pointStyle: 'line', pointRadius: 40, pointHoverRadius: 0 });
      }
      const config = {
        type: points ? 'line' : spec.kind,
        data: { labels: spec.labels, datasets },
        options: {
          indexAxis: spec.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false, axis: spec.horizontal ? 'y' : 'x' },
          plugins: {
            legend: {
              display: spec.series.length > 1,
              position: 'bottom',
              // a line's key is a stroke; a bar has no stroke, so its key is a filled square
              labels: points
                ? { usePointStyle: true, boxWidth: 10, padding: 14 }
                : spec.kind === 'bar'
                  ? { boxWidth: 12, boxHeight: 12, padding: 14 }
                  : { boxWidth: 24, boxHeight: 0, padding: 14 },
            },
            tooltip: {
              callbacks: {
                title: (items) => spec.xTitle + ' ' + items[0].label,
                label: (item) =>
                  ' ' + item.dataset.label + ': ' + (Array.isArray(item.raw) ? format(item.raw[0]) + ' to ' + format(item.raw[1]) : format(valueOf(item))),
              },
            },
          },
          scales: spec.horizontal ? { y: labelAxis, x: valueAxis } : { x: labelAxis, y: valueAxis },
        },
      };
      // a live page keeps a chart whose section changed and gives it the new data
      const drawn = Chart.getChart(figure.querySelector('canvas'));
      if (drawn === undefined) new Chart(figure.querySelector('canvas'), config);
      else Object.assign(drawn, { data: config.data, options: config.options }).update('none');
    }
  };
  window.remedyDrawCharts(document);
  // a log axis labels its powers of ten when it spans decades, else 1, 2 and 5 times them, else
  // every whole multiple (never the axis' odd end values): enough labels to read it by, few
  // enough not to crowd
  function logTick(v, _index, ticks) {
    const among = (mantissas, t) => mantissas.some((m) => Math.abs(mantissa(t) - m) < 1e-6);
    const choices = [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
    const shown = choices.find((mantissas) => ticks.filter((t) => among(mantissas, t.value)).length >= 2) ?? choices[2];
    return among(shown, v) ? format(v) : '';
  }
  // labelled ticks get a gridline, whole multiples between them a fainter one, the axis' odd
  // end values none
  function logGrid(context) {
    if (context.tick === undefined || context.tick.label !== '') return gridColor;
    const m = mantissa(context.tick.value);
    return Math.abs(m - Math.round(m)) < 1e-6 ? '#f4f5f7' : 'transparent';
  }
  /** 0.042 → 4.2 */
  function mantissa(v) {
    return v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  }
})();
`;
