// Table: a data table with labelled columns that turns into cards on small screens.
import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** Hide the header text visually (e.g. the actions column) but keep it for screen readers. */
  hideHeader?: boolean;
};

type Props<T> = {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Show the caption visually (otherwise it is for screen readers only). */
  showCaption?: boolean;
};

export function Table<T>({ caption, columns, rows, rowKey, rowClassName, showCaption = false }: Props<T>) {
  return (
    <div className="table-wrap">
      <table className="table table-responsive">
        <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className} data-label={c.hideHeader ? "" : c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
