import { Fragment, type HTMLAttributes, type ReactNode, type TdHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** `data-*` attributes: JSX takes them on any element, an object of element props has to say so. */
type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** On the column's TableCell. */
  className?: string;
  /** On the column's TableHead. */
  headClassName?: string;
  /** Attributes of the cell that depend on the row (title, data-testid, a class); its className adds to className. */
  cellProps?: (row: Row) => TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;
};

/** One list of columns instead of a header row and a body row kept in step by hand in every console table. */
export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  rowProps,
  detail,
  detailClassName,
}: {
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  columns: Column<Row>[];
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & DataAttributes;
  /** Shown, when there is any, in a row of its own under the row, across every column. */
  detail?: (row: Row) => ReactNode;
  /** On the cell of the detail row. */
  detailClassName?: string;
}) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {columns.map((column, index) => (
            <TableHead key={index} className={column.headClassName}>
              {column.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const more = detail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <TableRow {...rowProps?.(row)}>
                {columns.map((column, index) => {
                  const { className, ...props } = column.cellProps?.(row) ?? {};
                  return (
                    <TableCell key={index} className={cn(column.className, className)} {...props}>
                      {column.cell(row)}
                    </TableCell>
                  );
                })}
              </TableRow>
              {more ? (
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={columns.length} className={detailClassName}>
                    {/* Zero width, then the cell's: a form or log opened under a row takes the table's
                        width instead of widening it, so the columns do not move when it opens. */}
                    <div className="w-0 min-w-full">{more}</div>
                  </TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
