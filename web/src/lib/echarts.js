// ECharts with only the parts the dashboard draws, loaded on the pages that
// chart (a separate chunk from the first load).
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, LinesChart, MapChart, RadarChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, RadarComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GraphChart, LineChart, LinesChart, MapChart, RadarChart, SankeyChart, ScatterChart, GeoComponent, GridComponent, RadarComponent, TooltipComponent, LegendComponent, MarkLineComponent,
  VisualMapComponent, AriaComponent, LabelLayout, SVGRenderer]);

export default echarts;
