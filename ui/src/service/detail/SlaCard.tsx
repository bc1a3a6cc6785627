import { Card } from 'antd';
import { PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { SlaClock } from '../SlaClock';

/** The two SLA clocks of a ticket: due times, how they stand, when they were met; waiting pauses resolution. */
export function SlaCard({ ticket: k }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const rows = [
    {
      key: 'firstResponse',
      label: t('service.sla.firstResponse'),
      due: k.firstResponseDue,
      state: k.firstResponseClock,
      doneAt: k.firstResponseAt,
      done: k.firstResponseAt ? t('service.sla.answeredAt', { at: formatDateTime(k.firstResponseAt) }) : null,
    },
    {
      key: 'resolution',
      label: t('service.sla.resolution'),
      due: k.resolutionDue,
      state: k.resolutionClock,
      doneAt: k.resolvedAt,
      done: k.resolvedAt ? t('service.sla.resolvedAt', { at: formatDateTime(k.resolvedAt) }) : null,
    },
  ];
  return (
    <Card size="small" className="section-card ticket-sla" title={t('service.sla.title')} data-testid="ticket-sla">
      {rows.map((r) => (
        <div key={r.key} className={`ticket-sla-row sla-row-${r.state}`} data-testid={`ticket-sla-${r.key}`}>
          <div className="ticket-sla-label">
            <span>{r.label}</span>
            <span className={`ticket-sla-state sla-${r.state}`} data-testid={`ticket-sla-${r.key}-state`}>
              {t(`service.clock.${r.state}`)}
            </span>
          </div>
          <SlaClock due={r.due} state={r.state} doneAt={r.doneAt} compact countdownOnly testId={`ticket-sla-${r.key}-clock`} />
          <div className="ticket-sla-meta">
            {t('service.sla.due', { at: formatDateTime(r.due) })}
            {r.done && <> · {r.done}</>}
          </div>
        </div>
      ))}
      {k.waitingSince && (
        <div className="ticket-sla-waiting" data-testid="ticket-sla-waiting">
          <PauseCircleOutlined /> {t('service.sla.waitingSince', { at: formatDateTime(k.waitingSince) })}
        </div>
      )}
    </Card>
  );
}
