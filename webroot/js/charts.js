// ECharts, vendored in vendor/echarts/ (UMD build, sets window.echarts), loaded on first use
// so that the login page and the other pages do not pay for it.

import { t } from './i18n.js';

const SRC = 'vendor/echarts/echarts.min.js';
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
export const PALETTE = ['#0f8b8d', '#3b82c4', '#e0a030', '#d9645a', '#7a6fc2', '#4fae7b', '#8d99a6'];

let loader = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loader) {
    loader = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SRC;
      script.async = true;
      script.onload = () => (window.echarts ? resolve(window.echarts) : reject(new Error('echarts missing')));
      script.onerror = () => {
        loader = null;
        script.remove();
        reject(new Error('echarts failed to load'));
      };
      document.head.append(script);
    });
  }
  return loader;
}

/**
 * Make a chart in el and keep it sized; returns a dispose function.
 * Tooltips render as canvas rich text, so names from the API are never parsed as HTML.
 */
function make(echarts, el, option) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ color: PALETTE, textStyle: { fontFamily: FONT }, animationDuration: 500, ...option });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}

/** Horizontal-friendly bar chart of one series. */
export function barChart(echarts, el, categories, values, seriesName) {
  return make(echarts, el, {
    grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    xAxis: {
      type: 'category',
      data: categories,
      // Many schools: tilt the names so that each one stays readable.
      axisLabel: { interval: 0, width: 96, overflow: 'truncate', color: '#4a5866', rotate: categories.length > 4 ? 30 : 0 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d5dde3' } },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f4' } }, axisLabel: { color: '#6b7785' } },
    series: [{ name: seriesName, type: 'bar', data: values, barMaxWidth: 40, itemStyle: { borderRadius: [6, 6, 0, 0] }, label: { show: true, position: 'top', color: '#33414e' } }],
  });
}

/** Donut chart of [{name, value}]. */
export function donutChart(echarts, el, data, seriesName) {
  return make(echarts, el, {
    tooltip: { trigger: 'item', formatter: t('chart.pieTooltip'), renderMode: 'richText' },
    legend: { bottom: 0, icon: 'circle', textStyle: { color: '#4a5866' } },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{b} {c}', color: '#33414e' },
        data,
      },
    ],
  });
}
