import { useState, type DragEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { BoardColumn } from '../../ipc/client';
import { formatAmount } from '../money';
import { stageName, useLanguage } from '../stageDisplay';

interface Props {
  column: BoardColumn;
  /** Whether the card being dragged may land here (it is dragged from another column). */
  accepts: boolean;
  onDrop: () => void;
  children: ReactNode;
}

/** A stage's column: what it holds in total, its latest cards, and a drop target while dragging. */
export function BoardColumnView({ column, accepts, onDrop, children }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [over, setOver] = useState(false);
  const { stage } = column;
  const hidden = column.count - column.items.length;

  const allowDrop = (e: DragEvent<HTMLElement>) => {
    if (!accepts) return;
    // Without preventDefault the browser refuses the drop.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const leave = (e: DragEvent<HTMLElement>) => {
    // Moving over a card inside the column fires dragleave on the column; only leaving it counts.
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
  };
  const drop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    if (accepts) onDrop();
  };

  const classes = ['board-column', `outcome-${stage.outcome}`];
  if (accepts) classes.push('can-drop');
  if (accepts && over) classes.push('drop-over');
  return (
    <section
      className={classes.join(' ')}
      data-testid={`board-column-${stage.key}`}
      data-stage-id={stage.id}
      onDragEnter={allowDrop}
      onDragOver={allowDrop}
      onDragLeave={leave}
      onDrop={drop}
    >
      <header className="board-column-head">
        <div className="board-column-title">
          <span className="board-column-name">{stageName(stage, language)}</span>
          <span className="board-column-probability">{column.probability}%</span>
          <span className="board-column-count" data-testid="board-column-count">
            {column.count}
          </span>
        </div>
        <div className="board-column-totals">
          {column.totals.length === 0 ? (
            <span className="muted">{formatAmount(0, 'CNY', language)}</span>
          ) : (
            column.totals.map((total) => (
              <span key={total.currency} className="board-column-total">
                {formatAmount(total.amount, total.currency, language)}
              </span>
            ))
          )}
        </div>
      </header>
      <div className="board-column-cards">
        {children}
        {column.count === 0 && <div className="board-column-empty">{t('opportunities.board.dropHere')}</div>}
        {hidden > 0 && (
          <Link className="board-column-more" to={`/opportunities?view=list&stage=${encodeURIComponent(stage.id)}`}>
            {t('opportunities.board.more', { count: hidden })}
          </Link>
        )}
      </div>
    </section>
  );
}
