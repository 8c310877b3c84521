import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts drawn here: bars on a grid, legend, tooltip, an ARIA description, SVG output.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption
>;

export interface ChartSeries {
  name: string;
  data: (number | null)[];
  color: string;
  /** Series with the same stack are drawn on top of each other. */
  stack?: string;
}

/**
 * A bar chart (ECharts, SVG renderer) of one value per department. The numbers are also in the
 * table beside it, so the chart carries an ARIA description and stays a picture for everyone else.
 */
@Component({
  selector: 'hub-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Departments down the side: their names are long, and a row each keeps them whole.
  template: `<div
    #canvas
    class="chart"
    role="img"
    [style.height.rem]="5 + categories().length * 2.6"
    [attr.aria-label]="label()"
    [attr.data-testid]="testId()"
  ></div>`,
  styles: `
    .chart {
      width: 100%;
    }
  `,
})
export class BarChartComponent {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly categories = input.required<string[]>();
  readonly series = input.required<ChartSeries[]>();
  /** Values are 0…1 rates, shown as percentages. */
  readonly percent = input(false);

  private readonly canvas = viewChild.required<ElementRef<HTMLDivElement>>('canvas');
  private chart: EChartsType | null = null;
  /** The page's own font: ECharts measures labels with it, so wrapping and layout fit what is drawn. */
  private fontFamily = 'sans-serif';

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.canvas().nativeElement;
      this.fontFamily = getComputedStyle(element).fontFamily || this.fontFamily;
      this.chart = init(element, undefined, { renderer: 'svg' });
      const resize = new ResizeObserver(() => this.chart?.resize());
      resize.observe(element);
      destroyRef.onDestroy(() => {
        resize.disconnect();
        this.chart?.dispose();
        this.chart = null;
      });
      this.draw();
    });
    effect(() => this.draw());
  }

  private draw(): void {
    const percent = this.percent();
    const option: ChartOption = {
      aria: { enabled: true, label: { description: this.label() } },
      animation: !matchMedia('(prefers-reduced-motion: reduce)').matches,
      textStyle: { fontFamily: this.fontFamily, fontSize: 14 },
      // Shrink the plot, not the names: labels stay inside the chart, wrapped onto two lines if long.
      grid: {
        left: 8,
        right: 24,
        top: 40,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
        outerBoundsClampWidth: '25%',
      },
      legend: { top: 0, itemGap: 16 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' && percent ? `${(v * 100).toFixed(1)}%` : String(v ?? '—')),
      },
      yAxis: {
        type: 'category',
        data: this.categories(),
        inverse: true,
        axisLabel: { interval: 0, fontSize: 13, width: 90, overflow: 'breakAll' },
      },
      xAxis: percent
        ? { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }
        : { type: 'value', minInterval: 1 },
      series: this.series().map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        stack: s.stack,
        itemStyle: { color: s.color },
        barMaxWidth: 22,
      })),
    };
    this.chart?.setOption(option, { notMerge: true });
  }
}
