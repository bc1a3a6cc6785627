import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Select, Spin } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type FunnelRequest } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { KpiStrip } from './funnel/KpiStrip';
import { FunnelChart } from './funnel/FunnelChart';
import { ForecastChart, type ForecastKind } from './funnel/ForecastChart';
import './funnel/funnel.css';

function Legend() {
  const { t } = useTranslation();
  return (
    <span className="chart-legend">
      <span className="legend-swatch amount" /> {t('opportunities.funnel.legendAmount')}
      <span className="legend-swatch weighted" /> {t('opportunities.funnel.legendWeighted')}
    </span>
  );
}

const CHARTS: { kind: ForecastKind; span: number }[] = [
  { kind: 'owner', span: 12 },
  { kind: 'territory', span: 12 },
];

/** The sales funnel and the weighted forecast of one currency, for a period and optionally one owner. */
export function FunnelPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const base: FunnelRequest = {
    from: range?.[0]?.format('YYYY-MM-DD') ?? null,
    to: range?.[1]?.format('YYYY-MM-DD') ?? null,
    currency,
    owner: null,
  };
  const request: FunnelRequest = { ...base, owner };
  // Kept on screen while a new filter loads, so the charts change instead of blinking.
  const funnel = useQuery({
    queryKey: queryKeys.funnel(request),
    queryFn: () => ipc.funnelReport(request),
    placeholderData: keepPreviousData,
  });
  // Everyone's funnel names the owners to filter by (the same query when no owner is chosen).
  const everyone = useQuery({
    queryKey: queryKeys.funnel(base),
    queryFn: () => ipc.funnelReport(base),
    placeholderData: keepPreviousData,
  });
  const f = funnel.data;
  const currencies = [...new Set([...(f?.currencies ?? []), ...(f ? [f.currency] : [])])];

  return (
    <div className="page funnel-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('opportunities.funnelTitle')}</h1>
        <div className="toolbar-spacer" />
        <span className="funnel-filter-label">{t('opportunities.funnel.created')}</span>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => setRange(v)}
          data-testid="funnel-range"
        />
        <Select
          className="funnel-currency"
          value={f?.currency ?? currency}
          onChange={setCurrency}
          options={currencies.map((c) => ({ value: c, label: c }))}
          data-testid="funnel-currency"
        />
        <Select
          className="funnel-owner"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('opportunities.funnel.allOwners')}
          value={owner}
          onChange={(v?: string | null) => setOwner(v ?? null)}
          options={(everyone.data?.byOwner ?? []).map((r) => ({ value: r.key, label: r.label || r.key }))}
          data-testid="funnel-owner"
        />
      </div>
      {funnel.isError && <Alert type="error" showIcon title={errorMessage(funnel.error)} />}
      {funnel.isPending && (
        <div className="page-center funnel-loading">
          <Spin />
        </div>
      )}
      {f && (
        <div className={funnel.isPlaceholderData ? 'funnel-body refreshing' : 'funnel-body'}>
          <KpiStrip funnel={f} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={11}>
              <Card size="small" className="chart-card" title={t('opportunities.funnel.funnelTitle')}>
                <FunnelChart stages={f.stages} currency={f.currency} />
              </Card>
            </Col>
            <Col xs={24} xl={13}>
              <Card size="small" className="chart-card" title={t('opportunities.funnel.byMonth')} extra={<Legend />}>
                <div data-testid="funnel-forecast-month">
                  <ForecastChart rows={f.byMonth} kind="month" currency={f.currency} />
                </div>
              </Card>
            </Col>
            {CHARTS.map(({ kind, span }) => (
              <Col key={kind} xs={24} xl={span}>
                <Card
                  size="small"
                  className="chart-card"
                  title={t(kind === 'owner' ? 'opportunities.funnel.byOwner' : 'opportunities.funnel.byTerritory')}
                  extra={<Legend />}
                >
                  <div data-testid={`funnel-forecast-${kind}`}>
                    <ForecastChart rows={kind === 'owner' ? f.byOwner : f.byTerritory} kind={kind} currency={f.currency} />
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
        </div>
      )}
    </div>
  );
}
