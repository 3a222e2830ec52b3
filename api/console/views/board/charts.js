// Chart.js, served by the app from its own package (no CDN): the UMD build is
// loaded once as a same-origin script (no inline code, so a strict CSP holds).
let loading = null;

export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'vendor/chart.umd.min.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = () => {
      loading = null;
      reject(new Error('chart.js could not be loaded'));
    };
    document.head.append(script);
  });
  return loading;
}

const palette = ['#14467a', '#b8222f', '#146c2e', '#7a4d00', '#5b3b8c', '#0f7c8c', '#8c5a0f', '#55606e', '#c2185b'];

/** Overdue and at-risk counts per unit as stacked horizontal bars. */
export async function drawUnitBars(canvas, rows) {
  const Chart = await loadChart();
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Quá hạn', data: rows.map((r) => r.overdue), backgroundColor: '#a4262c' },
        { label: 'Sắp đến hạn', data: rows.map((r) => r.atRisk), backgroundColor: '#c58a00' },
      ],
    },
    options: { indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
}

/** On-time rate (%) per procedure (one line each) over months. */
export async function drawOnTimeLines(canvas, months, series) {
  const Chart = await loadChart();
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: months,
      datasets: series.map((s, i) => ({ label: s.label, data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true })),
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100, title: { display: true, text: '% đúng hạn' } } } },
  });
}
