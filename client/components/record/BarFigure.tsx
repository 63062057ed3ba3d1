import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { TableScroll } from "./TableScroll";

/** One bar series: a key of each row's values, its label and its colour. */
export interface Series {
  key: string;
  label: string;
  color: string;
}

/** One category (a sector, a part of the plan, a vote) with a value per series. */
export interface FigureRow {
  label: string;
  /** A shorter label for the chart's axis (the table shows `label` in full). */
  short?: string;
  values: Record<string, number>;
}

interface BarFigureProps {
  title: string;
  /** The table's first column header (what the rows are). */
  rowHeader: string;
  rows: FigureRow[];
  series: Series[];
  /** Stacks the series in one bar per row (parts of a whole) instead of bars side by side. */
  stacked?: boolean;
  /** Extra columns of the table only (e.g. a share in per cent), after the series. */
  extra?: { label: string; value: (row: FigureRow) => string }[];
}

const BAR_SIZE = 18;

/**
 * A horizontal bar chart with its numbers beside it in a table. The table is the figure for
 * screen readers and keyboard users (the chart is hidden from them: it repeats the table), and
 * for anyone who wants exact numbers; on a phone it sits below the chart.
 */
export function BarFigure({ title, rowHeader, rows, series, stacked = false, extra = [] }: BarFigureProps) {
  const { t, i18n } = useTranslation("record");
  const id = useId();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const data = rows.map((row) => ({ label: row.short ?? row.label, ...row.values }));
  // The legend lists the series in their given order, not alphabetically.
  const order = (item: { dataKey?: unknown }) => series.findIndex((s) => s.key === item.dataKey);
  const barsPerRow = stacked ? 1 : series.length;
  const height = Math.max(120, rows.length * (barsPerRow * BAR_SIZE + 24) + 60);
  return (
    <figure className="record-figure" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <div className="record-figure-body">
        <div className="record-chart" aria-hidden="true" title={t("chartHidden")}>
          <ResponsiveContainer width="100%" height={height}>
            <BarChart
              data={data}
              layout="vertical"
              margin={{ left: 0, right: 16 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} tickFormatter={(n: number) => format.format(n)} />
              <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
              {series.length > 1 && (
                <Legend
                  itemSorter={order}
                  formatter={(value) => <span className="record-legend">{value}</span>}
                />
              )}
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={s.color}
                  barSize={BAR_SIZE}
                  stackId={stacked ? "stack" : undefined}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <TableScroll label={title}>
          <table className="record-table">
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key} className="number">
                    {s.label}
                  </th>
                ))}
                {extra.map((column) => (
                  <th scope="col" key={column.label} className="number">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {series.map((s) => (
                    <td key={s.key} className="number">
                      {format.format(row.values[s.key] ?? 0)}
                    </td>
                  ))}
                  {extra.map((column) => (
                    <td key={column.label} className="number">
                      {column.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </figure>
  );
}
