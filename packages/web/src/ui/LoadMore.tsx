// LoadMore: the footer of a paginated list (Convex usePaginatedQuery status → button or spinner).
import { Button } from "./Button";

type Status = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

export function LoadMore({ status, onLoadMore, count, noun }: { status: Status; onLoadMore: () => void; count: number; noun: string }) {
  return (
    <div className="row-between small muted" style={{ padding: "12px 4px" }}>
      <span aria-live="polite">
        {count} {noun}
        {count === 1 ? "" : "s"} shown{status === "Exhausted" ? " (all)" : ""}
      </span>
      {(status === "CanLoadMore" || status === "LoadingMore") && (
        <Button size="sm" onClick={onLoadMore} busy={status === "LoadingMore"}>
          Load more
        </Button>
      )}
    </div>
  );
}
