import type { HTMLAttributes, ReactNode } from 'react';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SlaFigures } from '../../ipc/client';
import { useLanguage } from '../../opportunities/stageDisplay';
import { formatWorkingMinutes } from '../workingTime';
import { firstResponseRate, formatRate, meanStars, percentOf, rateTone, resolutionRate } from './slaFigures';
import { Stars } from './Stars';

/** A met rate with its met and breached counts under a thin two-colour bar. */
function RateCell({ rate, met, breached }: { rate: number | null; met: number; breached: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className={`rate-cell rate-${rateTone(rate)}`}>
      <span className="rate-value">{formatRate(rate, language) ?? t('common.none')}</span>
      <span className="rate-bar">
        <span style={{ width: `${percentOf(met, met + breached)}%` }} />
      </span>
      <span className="rate-counts">{t('desk.report.metBreached', { met, breached })}</span>
    </div>
  );
}

interface Props {
  rows: SlaFigures[];
  total: SlaFigures;
  /** The first column's title and what each row is (a priority, an agent). */
  labelTitle: string;
  label: (row: SlaFigures) => ReactNode;
  testId: string;
}

/** SLA figures per priority or per agent, with the period's total as the last row. */
export function SlaFiguresTable({ rows, total, labelTitle, label, testId }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<SlaFigures> = [
    { key: 'label', title: labelTitle, render: (_, f) => label(f) },
    { key: 'tickets', title: t('desk.report.tickets'), align: 'right', width: 72, render: (_, f) => f.tickets },
    {
      key: 'open',
      title: t('desk.report.open'),
      align: 'right',
      width: 72,
      render: (_, f) => <span className={f.open ? undefined : 'muted'}>{f.open}</span>,
    },
    {
      key: 'firstResponse',
      title: t('desk.report.firstResponseMet'),
      width: 150,
      render: (_, f) => <RateCell rate={firstResponseRate(f)} met={f.firstResponseMet} breached={f.firstResponseBreached} />,
    },
    {
      key: 'resolution',
      title: t('desk.report.resolutionMet'),
      width: 150,
      render: (_, f) => <RateCell rate={resolutionRate(f)} met={f.resolutionMet} breached={f.resolutionBreached} />,
    },
    {
      key: 'meanFirstResponse',
      title: t('desk.report.meanFirstResponseShort'),
      align: 'right',
      render: (_, f) => <span className="sla-duration">{formatWorkingMinutes(t, f.meanFirstResponseMinutes)}</span>,
    },
    {
      key: 'meanResolution',
      title: t('desk.report.meanResolutionShort'),
      align: 'right',
      render: (_, f) => <span className="sla-duration">{formatWorkingMinutes(t, f.meanResolutionMinutes)}</span>,
    },
    {
      key: 'rating',
      title: t('desk.report.satisfaction'),
      width: 150,
      render: (_, f) => {
        const stars = meanStars(f);
        return stars === null ? (
          <span className="muted">{t('common.none')}</span>
        ) : (
          <span className="rating-cell">
            <strong>{stars.toFixed(1)}</strong> <Stars value={stars} />
            <span className="rating-cell-count">({f.rated})</span>
          </span>
        );
      },
    },
  ];
  return (
    <Table<SlaFigures>
      size="small"
      rowKey="key"
      className="sla-table"
      dataSource={rows}
      columns={columns}
      pagination={false}
      locale={{ emptyText: t('desk.report.empty') }}
      onRow={(f) => ({ 'data-testid': `${testId}-row`, 'data-key': f.key }) as HTMLAttributes<HTMLTableRowElement>}
      data-testid={testId}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row className="sla-total-row">
            {columns.map((c, i) => (
              <Table.Summary.Cell key={String(c.key)} index={i} align={c.align}>
                {i === 0 ? t('desk.report.total') : (c.render?.(undefined, total, rows.length) as ReactNode)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
