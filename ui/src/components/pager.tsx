// Paging for server-paged tables: by offset (known total) or by cursor (only "is there more").

export function OffsetPager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  if (total <= limit && offset === 0) return <div className="pager"><span>{total} in all</span></div>;
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>← Previous</button>
      <span>{total === 0 ? 'none' : `${offset + 1}–${last} of ${total}`}</span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>Next →</button>
    </div>
  );
}

export function CursorPager({ page, hasPrevious, hasNext, onPrevious, onNext, shown, labels = ['← Previous', 'Next →'] }: {
  page: number; hasPrevious: boolean; hasNext: boolean; onPrevious: () => void; onNext: () => void; shown: number; labels?: readonly [string, string];
}) {
  return (
    <div className="pager">
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>{labels[0]}</button>
      <span>page {page} · {shown} shown</span>
      <button type="button" disabled={!hasNext} onClick={onNext}>{labels[1]}</button>
    </div>
  );
}
