// Builders for the Grafana dashboard JSON model (schemaVersion 39): panels, selectors, variables and the layout.
// Dashboards are written as short definitions in this folder and generated into ../dashboards/ by generate.js.
'use strict';

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/**
 * A label selector with the dashboard's variables: `namespace` always, `connection` when the metric carries it.
 * @param {{connection?: boolean, extra?: string}} options extra is appended verbatim, e.g. `outcome="failed"`.
 */
function sel({ connection = false, extra = '' } = {}) {
  const parts = ['namespace=~"$namespace"'];
  if (connection) parts.push('connection=~"$connection"');
  if (extra) parts.push(extra);
  return `{${parts.join(',')}}`;
}

/** p-quantile of a histogram over `window`, aggregated by `by` (plus `le`). */
function quantile(q, metric, selector, { by = [], window = '$__rate_interval' } = {}) {
  const labels = ['le', ...by].join(', ');
  return `histogram_quantile(${q}, sum by (${labels}) (rate(${metric}_bucket${selector}[${window}])))`;
}

function target(expr, legendFormat, index) {
  return {
    refId: String.fromCharCode(65 + index),
    datasource: DATASOURCE,
    expr,
    legendFormat: legendFormat ?? '__auto',
    range: true,
  };
}

/**
 * A time series panel. `targets` is a list of [expr, legend] pairs.
 * @param {{title: string, description: string, unit?: string, targets: Array<[string, string]>, width?: number,
 *   stack?: boolean, min?: number, max?: number, thresholds?: Array<[number, string]>}} spec
 */
function timeseries(spec) {
  return {
    type: 'timeseries',
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    width: spec.width ?? 12,
    height: spec.height ?? 8,
    targets: spec.targets.map(([expr, legend], i) => target(expr, legend, i)),
    fieldConfig: {
      defaults: {
        unit: spec.unit ?? 'short',
        ...(spec.min === undefined ? {} : { min: spec.min }),
        ...(spec.max === undefined ? {} : { max: spec.max }),
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: spec.stack ? 30 : 10,
          showPoints: 'never',
          stacking: { mode: spec.stack ? 'normal' : 'none', group: 'A' },
          ...(spec.thresholds ? { thresholdsStyle: { mode: 'line+area' } } : {}),
        },
        thresholds: thresholds(spec.thresholds),
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['lastNotNull', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

/** A single-number panel; `thresholds` colour it, e.g. [[1, 'red']] turns red from 1. */
function stat(spec) {
  return {
    type: 'stat',
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    width: spec.width ?? 6,
    height: spec.height ?? 4,
    targets: spec.targets.map(([expr, legend], i) => ({ ...target(expr, legend, i), instant: true, range: false })),
    fieldConfig: {
      defaults: { unit: spec.unit ?? 'short', decimals: spec.decimals ?? 0, thresholds: thresholds(spec.thresholds) },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: 'none',
      justifyMode: 'auto',
      textMode: 'auto',
      orientation: 'auto',
    },
  };
}

function thresholds(steps = []) {
  return {
    mode: 'absolute',
    steps: [{ color: 'green', value: null }, ...steps.map(([value, color]) => ({ color, value }))],
  };
}

function queryVariable(name, label, query) {
  return {
    name,
    label,
    type: 'query',
    datasource: DATASOURCE,
    query: { query, refId: `${name}-variable` },
    definition: query,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    sort: 1,
    hide: 0,
  };
}

/** The variables every dashboard has: data source, namespace and (optionally) connection. */
function variables({ connection }) {
  const list = [
    {
      name: 'datasource',
      label: 'Data source',
      type: 'datasource',
      query: 'prometheus',
      current: {},
      hide: 0,
      refresh: 1,
      regex: '',
    },
    queryVariable('namespace', 'Namespace', 'label_values(ml_connector_process_process_start_time_seconds, namespace)'),
  ];
  if (connection) {
    list.push(
      queryVariable(
        'connection',
        'Connection',
        'label_values(ml_connector_external_calls_total{namespace=~"$namespace"}, connection)',
      ),
    );
  }
  return list;
}

/** Lays rows out top to bottom and their panels left to right on Grafana's 24-column grid, numbering every panel. */
function layout(rows) {
  const panels = [];
  let y = 0;
  let id = 1;
  for (const row of rows) {
    panels.push({
      type: 'row',
      title: row.title,
      id: id++,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const { width, height, ...panel } of row.panels) {
      if (x + width > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      panels.push({ ...panel, id: id++, gridPos: { h: height, w: width, x, y } });
      x += width;
      rowHeight = Math.max(rowHeight, height);
    }
    y += rowHeight;
  }
  return panels;
}

/**
 * A whole dashboard. `uid` is stable: links and bookmarks rely on it.
 * @param {{uid: string, title: string, description: string, connection: boolean, rows: Array<{title: string, panels: object[]}>}} spec
 */
function dashboard(spec) {
  return {
    uid: spec.uid,
    title: `ml-connector / ${spec.title}`,
    description: spec.description,
    tags: ['ml-connector'],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '1m',
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    timezone: 'browser',
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    links: [
      {
        title: 'ml-connector',
        type: 'dashboards',
        tags: ['ml-connector'],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
      },
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: variables({ connection: spec.connection }) },
    panels: layout(spec.rows),
  };
}

module.exports = { dashboard, quantile, sel, stat, timeseries };
