import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Spin } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, UndoOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CustomerListRow, SortSpec } from '../../ipc/client';
import type { Column } from './columns';
import type { ScrollPosition } from './CustomerListState';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 38;
const ACTION_WIDTH = 96;
/** Start loading the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 50;

interface Props {
  rows: CustomerListRow[];
  columns: Column[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  sort: SortSpec;
  onSort: (sort: SortSpec) => void;
  /** When this changes (another filter or sort) the list starts again at the top. */
  resetKey: string;
  scrollOffset: { current: ScrollPosition };
  onRestore?: (row: CustomerListRow) => void;
  restoringId?: string | null;
  empty: ReactNode;
}

/**
 * The customer list as a virtual grid: only the rows in view are in the DOM, so scrolling
 * through a million customers costs what scrolling through a hundred does.
 */
export function CustomerTable(props: Props) {
  const { rows, columns, hasNextPage, isFetchingNextPage, fetchNextPage, sort, onSort, onRestore } = props;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { scrollOffset, resetKey } = props;

  // The app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    initialOffset: () => (scrollOffset.current.key === resetKey ? scrollOffset.current.offset : 0),
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  const shownKey = useRef(resetKey);
  useEffect(() => {
    if (shownKey.current !== resetKey) {
      shownKey.current = resetKey;
      scrollOffset.current = { key: resetKey, offset: 0 };
      virtualizer.scrollToOffset(0);
    }
  }, [resetKey, virtualizer, scrollOffset]);

  const width = columns.reduce((sum, c) => sum + c.width, 0) + (onRestore ? ACTION_WIDTH : 0);
  const clickHeader = (column: Column) => {
    if (!column.sortKey) return;
    if (sort.key === column.sortKey) onSort({ key: sort.key, desc: !sort.desc });
    else onSort({ key: column.sortKey, desc: column.sortKey === 'updated' || column.sortKey === 'created' });
  };

  return (
    <div
      ref={scrollRef}
      className="vt-scroll"
      role="grid"
      aria-rowcount={rows.length}
      onScroll={(e) => {
        scrollOffset.current = { key: resetKey, offset: e.currentTarget.scrollTop };
      }}
    >
      <div className="vt-header" role="row" style={{ minWidth: width, height: HEADER_HEIGHT }}>
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={`vt-cell vt-head${c.sortKey ? ' vt-sortable' : ''}${c.sticky ? ' vt-sticky' : ''}`}
            style={{ width: c.width }}
            onClick={() => clickHeader(c)}
            aria-sort={sort.key === c.sortKey ? (sort.desc ? 'descending' : 'ascending') : undefined}
          >
            {c.title}
            {sort.key === c.sortKey && (sort.desc ? <ArrowDownOutlined /> : <ArrowUpOutlined />)}
          </div>
        ))}
        {onRestore && <div className="vt-cell vt-head vt-action" style={{ width: ACTION_WIDTH }} />}
      </div>
      {rows.length === 0 && !hasNextPage ? (
        <div className="vt-empty">{props.empty}</div>
      ) : (
        <div className="vt-body" style={{ height: virtualizer.getTotalSize(), minWidth: width }}>
          {items.map((item) => {
            const row = rows[item.index];
            const top = item.start - HEADER_HEIGHT;
            if (!row) {
              return (
                <div key="loader" className="vt-loader" style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}>
                  <Spin size="small" /> {t('customers.loadingMore')}
                </div>
              );
            }
            return (
              <div
                key={row.id}
                role="row"
                data-testid="customer-row"
                className={item.index % 2 ? 'vt-row vt-row-odd' : 'vt-row'}
                style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT, minWidth: width }}
                onClick={() => void navigate(`/customers/${row.id}`)}
              >
                {columns.map((c) => (
                  <div key={c.key} role="gridcell" className={c.sticky ? 'vt-cell vt-sticky' : 'vt-cell'} style={{ width: c.width }}>
                    {c.render(row)}
                  </div>
                ))}
                {onRestore && (
                  <div className="vt-cell vt-action" style={{ width: ACTION_WIDTH }}>
                    <Button
                      size="small"
                      icon={<UndoOutlined />}
                      loading={props.restoringId === row.id}
                      onClick={(e) => {
                        e.stopPropagation();
                        onRestore(row);
                      }}
                    >
                      {t('common.restore')}
                    </Button>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
