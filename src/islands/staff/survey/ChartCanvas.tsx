/**
 * A bar or line chart drawn by Chart.js, imported only when a chart is shown (this staff page is the only place
 * that loads it). The canvas is hidden from screen readers: the DataTable beside it carries the same figures.
 */
import { useEffect, useRef } from 'react';

interface Props {
  type: 'bar' | 'line';
  labels: string[];
  series: { label: string; data: number[] }[];
}

const COLOURS = ['#0b5cad', '#b35900', '#00703c', '#6f3fa0'];

export function ChartCanvas({ type, labels, series }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type,
        data: {
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.data,
            backgroundColor: COLOURS[i % 4],
            borderColor: COLOURS[i % 4],
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [type, labels, series]);
  return (
    <div className="chart">
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a canvas takes no focus; the table beside it carries the figures */}
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
