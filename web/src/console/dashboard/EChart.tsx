// Apache ECharts inside React, with only the pieces the dashboard draws (bars, lines, axes, tooltip, legend on a
// canvas), so its chunk stays small; fetched with the dashboard page only. A chart is an image to assistive
// technology: its figures are also given as a table beside it (DashboardPage).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  name: string;
}

export function EChart({
  option,
  label,
  height = 320,
  onClick,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?(event: ChartClick): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(option);
    chart.on('click', (event) => click.current?.(event as unknown as ChartClick));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);

  return <div ref={box} role="img" aria-label={label} className="chart" style={{ height }} />;
}
