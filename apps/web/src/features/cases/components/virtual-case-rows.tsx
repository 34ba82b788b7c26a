import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CaseSummary } from '@doorbraak/domain';
import { CASE_TABLE_COLUMNS, CaseRow } from './case-row';

/**
 * A one-line row as laid out (about 51 px with the NL Design System table styles, measured in
 * Chromium); rows with wrapping knelpunten are measured when rendered. An estimate far from the
 * real height makes every newly measured row shift the page while scrolling.
 */
const ESTIMATED_ROW_HEIGHT = 51;

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="table__spacer">
      <td colSpan={CASE_TABLE_COLUMNS} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * The rows near the viewport (window scrolling), with spacer rows above and below so the table
 * keeps its full height. The table stays a real table: the header row, `aria-rowcount` on the
 * table and `aria-rowindex` on each row tell assistive technology where a row sits.
 */
export default function VirtualCaseRows({ items }: { items: readonly CaseSummary[] }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const measure = () =>
      setScrollMargin((bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => items[index]?.id ?? index,
    // An element that is not laid out (hidden, or jsdom) measures 0: keep the estimate then.
    measureElement: (element) => element.getBoundingClientRect().height || ESTIMATED_ROW_HEIGHT,
  });

  // Correct the scroll position for rows measured above the viewport only when scrolling up;
  // scrolling down, those corrections fight the user's own scrolling and make it stutter.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
    item.start < (instance.scrollOffset ?? 0) && instance.scrollDirection === 'backward';

  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows.at(-1);
  const before = first ? first.start - scrollMargin : 0;
  const after = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;

  return (
    <tbody ref={bodyRef}>
      <Spacer height={before} />
      {rows.map((row) => {
        const item = items[row.index];
        return item ? (
          <CaseRow
            key={row.key}
            item={item}
            ref={virtualizer.measureElement}
            index={row.index}
            rowIndex={row.index + 2}
          />
        ) : null;
      })}
      <Spacer height={after} />
    </tbody>
  );
}
