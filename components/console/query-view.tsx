import type { ReactNode } from "react";
import { EmptyState, ErrorState, LoadingRows } from "./states";

/** Renders a query's loading, error, empty and data states the same way on every page. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { data: T | undefined; error: { message: string } | null; isPending: boolean; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty: { title: string; body?: ReactNode };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingRows />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  const emptyNow = isEmpty ? isEmpty(data) : Array.isArray(data) && data.length === 0;
  return emptyNow ? <EmptyState title={empty.title}>{empty.body}</EmptyState> : <>{children(data)}</>;
}
