import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Spin } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Priority, type SlaFigures, type SlaReportRequest } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { PriorityTag } from '../service/PriorityTag';
import { useAgents } from '../service/ticketQueries';
import { SlaKpiTiles } from './report/SlaKpiTiles';
import { SlaFiguresTable } from './report/SlaFiguresTable';
import { RatingDistribution } from './report/RatingDistribution';
import '../opportunities/funnel/funnel.css';
import './report/slaReport.css';

type Range = [Dayjs | null, Dayjs | null] | null;

/** The last 30 days, today included. */
export function defaultRange(): [Dayjs, Dayjs] {
  const today = dayjs().startOf('day');
  return [today.subtract(29, 'day'), today];
}

const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];
const isPriority = (key: string): key is Priority => (PRIORITIES as string[]).includes(key);
/** Most urgent first, whatever order the rows came in. */
const byUrgency = (rows: SlaFigures[]) =>
  [...rows].sort((a, b) => PRIORITIES.indexOf(a.key as Priority) - PRIORITIES.indexOf(b.key as Priority));

/** The SLA report: tickets opened in a period, how their clocks went, and what customers said. */
export function SlaReportPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<Range>(defaultRange);
  const request: SlaReportRequest = {
    from: range?.[0]?.format('YYYY-MM-DD') ?? null,
    to: range?.[1]?.format('YYYY-MM-DD') ?? null,
  };
  // Kept on screen while another period loads, so the figures change instead of blinking.
  const report = useQuery({
    queryKey: queryKeys.slaReport(request),
    queryFn: () => ipc.slaReport(request),
    placeholderData: keepPreviousData,
  });
  const agents = useAgents();
  const agentNames = new Map((agents.data ?? []).map((a) => [a.login.toLowerCase(), a.displayName || a.login]));
  const agentLabel = (f: SlaFigures) =>
    f.key === '' ? (
      <span className="muted">{t('desk.report.unassigned')}</span>
    ) : (
      <span className="agent-cell">
        <UserOutlined /> {agentNames.get(f.key.toLowerCase()) ?? f.key}
      </span>
    );
  const today = dayjs().startOf('day');
  const r = report.data;

  return (
    <div className="page sla-report-page" data-testid="sla-report-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('desk.report.title')}</h1>
        <div className="toolbar-spacer" />
        <span className="funnel-filter-label">{t('desk.report.opened')}</span>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => setRange(v)}
          presets={[
            { label: t('desk.report.last7'), value: [today.subtract(6, 'day'), today] },
            { label: t('desk.report.last30'), value: [today.subtract(29, 'day'), today] },
            { label: t('desk.report.last90'), value: [today.subtract(89, 'day'), today] },
            { label: t('desk.report.thisMonth'), value: [today.startOf('month'), today] },
          ]}
          data-testid="sla-range"
        />
      </div>
      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {report.isPending && (
        <div className="page-center funnel-loading">
          <Spin />
        </div>
      )}
      {r && (
        <div className={report.isPlaceholderData ? 'funnel-body refreshing' : 'funnel-body'}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <SlaKpiTiles total={r.total} />
            </Col>
            <Col xs={24} xl={8}>
              <Card
                size="small"
                className="chart-card"
                title={t('desk.report.ratings')}
                extra={<span className="chart-legend">{t('desk.report.ratedNote', { count: r.total.rated })}</span>}
              >
                <RatingDistribution figures={r.total} />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" className="chart-card" title={t('desk.report.byPriority')}>
                <SlaFiguresTable
                  rows={byUrgency(r.byPriority)}
                  total={r.total}
                  labelTitle={t('desk.report.priority')}
                  label={(f) => (isPriority(f.key) ? <PriorityTag priority={f.key} /> : f.key)}
                  testId="sla-by-priority"
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" className="chart-card" title={t('desk.report.byAgent')}>
                <SlaFiguresTable
                  rows={r.byAgent}
                  total={r.total}
                  labelTitle={t('desk.report.agent')}
                  label={agentLabel}
                  testId="sla-by-agent"
                />
              </Card>
            </Col>
          </Row>
          <div className="sla-footnote">{t('desk.report.footnote')}</div>
        </div>
      )}
    </div>
  );
}
