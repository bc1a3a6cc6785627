import type { DragEvent } from 'react';
import { Avatar, Tooltip } from 'antd';
import { BankOutlined, CalendarOutlined, LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../ipc/client';
import { Amount, CloseDate } from '../stageDisplay';

/** The type a dragged card carries, so that drops of anything else (text, files) are ignored. */
export const CARD_DRAG_TYPE = 'application/x-kehu-opportunity';

interface Props {
  opportunity: Opportunity;
  /** A closed stage's column shows cards smaller. */
  compact: boolean;
  dragging: boolean;
  onDragStart: (opportunity: Opportunity) => void;
  onDragEnd: () => void;
}

/** One opportunity on the board; dragged to another column to move it, clicked to open it. */
export function OpportunityCard({ opportunity: o, compact, dragging, onDragStart, onDragEnd }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = () => void navigate(`/opportunities/${o.id}`);
  const startDrag = (e: DragEvent<HTMLDivElement>) => {
    e.dataTransfer.setData(CARD_DRAG_TYPE, o.id);
    e.dataTransfer.setData('text/plain', o.name);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(o);
  };
  const classes = ['opportunity-card', `outcome-${o.stage.outcome}`];
  if (compact) classes.push('compact');
  if (dragging) classes.push('dragging');
  if (!o.mayEdit) classes.push('locked');

  return (
    <div
      className={classes.join(' ')}
      data-testid="opportunity-card"
      data-opportunity-id={o.id}
      draggable={o.mayEdit}
      onDragStart={o.mayEdit ? startDrag : undefined}
      onDragEnd={onDragEnd}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
      role="link"
      tabIndex={0}
    >
      <div className="card-title">
        <span className="card-name">{o.name}</span>
        {!o.mayEdit && (
          <Tooltip title={t('opportunities.board.locked', { owner: o.ownerName })}>
            <LockOutlined className="card-lock" />
          </Tooltip>
        )}
      </div>
      <div className="card-customer">
        <BankOutlined /> {o.customerName}
      </div>
      <div className="card-money">
        <Amount minor={o.amount} currency={o.currency} className="card-amount" />
        {!compact && <span className="card-probability">{o.probability}%</span>}
      </div>
      {!compact && (
        <div className="card-foot">
          <span>
            <CalendarOutlined /> <CloseDate date={o.expectedClose} open={o.stage.outcome === 'open'} />
          </span>
          <Tooltip title={o.ownerName}>
            <span className="card-owner">
              <Avatar size={18} className="card-owner-avatar">
                {o.ownerName.slice(0, 1)}
              </Avatar>
              <span className="card-owner-name">{o.ownerName}</span>
            </span>
          </Tooltip>
        </div>
      )}
    </div>
  );
}
