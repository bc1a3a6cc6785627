import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Spin } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type RfmSummary } from '../ipc/client';
import { useCurrentUser } from '../auth/CurrentUser';
import { formatDateTime } from '../customers/display';
import { useLanguage } from '../opportunities/stageDisplay';
import { canRecompute, useRecompute, useRfmSettings, useRfmSummary, type RecomputeInput } from './queries';
import { hasAssessment } from './rfmModel';
import { RfmGrid } from './RfmGrid';
import { LevelDistribution, TierDistribution } from './RfmDistribution';
import { RecomputeModal } from './RecomputeModal';
import { RfmSettingsDrawer } from './RfmSettingsDrawer';
import './rfm.css';

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <div className="rfm-fact" data-testid={testId}>
      <div className="rfm-fact-label">{label}</div>
      <div className="rfm-fact-value">{value}</div>
    </div>
  );
}

/** What one recompute did, until the user closes it. */
function RecomputeResult({ summary, onClose }: { summary: RfmSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = (n: number) => ({ count: n, customers: n.toLocaleString(language) });
  const changed = summary.changedTiers;
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      title={t('rfm.recompute.done')}
      description={`${t('rfm.recompute.doneText', count(summary.customers))}${changed === null ? '' : t('rfm.recompute.changed', count(changed))}`}
      data-testid="rfm-recompute-result"
    />
  );
}

/**
 * 价值评估: the last RFM assessment of the customers the user may see (as-of day, window, when
 * it ran), how they spread over tiers, value levels and the R × F grid; managers and
 * administrators recompute it, administrators change its settings.
 */
export function RfmPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user, isAdmin } = useCurrentUser();
  const summary = useRfmSummary();
  const settings = useRfmSettings();
  const recompute = useRecompute();
  const [asking, setAsking] = useState(false);
  const [editingSettings, setEditingSettings] = useState(false);
  const [result, setResult] = useState<RfmSummary | null>(null);
  const mayRecompute = canRecompute(user);

  const openRecompute = () => {
    recompute.reset();
    setAsking(true);
  };
  const run = (input: RecomputeInput) =>
    recompute.mutate(input, {
      onSuccess: (done) => {
        setResult(done);
        setAsking(false);
      },
    });
  const s = summary.data;
  const everyDays = settings.data?.everyDays;

  return (
    <div className="page rfm-page" data-testid="rfm-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('rfm.title')}</h1>
        <div className="toolbar-spacer" />
        {isAdmin && (
          <Button icon={<SettingOutlined />} onClick={() => setEditingSettings(true)} data-testid="rfm-settings-open">
            {t('rfm.settings.open')}
          </Button>
        )}
        {mayRecompute && (
          <Button type="primary" icon={<ReloadOutlined />} onClick={openRecompute} data-testid="rfm-recompute">
            {t('rfm.recompute.button')}
          </Button>
        )}
      </div>
      {result && <RecomputeResult summary={result} onClose={() => setResult(null)} />}
      {summary.isError && <Alert type="error" showIcon title={errorMessage(summary.error)} />}
      {summary.isPending && (
        <div className="page-center rfm-loading">
          <Spin />
        </div>
      )}
      {s && !hasAssessment(s) && (
        <Card className="rfm-empty" data-testid="rfm-empty">
          <Empty
            description={
              <div className="rfm-empty-text">
                <div className="rfm-empty-title">{t('rfm.empty.title')}</div>
                <div>{t(mayRecompute ? 'rfm.empty.canRun' : 'rfm.empty.cannotRun')}</div>
              </div>
            }
          >
            {mayRecompute && (
              <Button type="primary" icon={<ReloadOutlined />} onClick={openRecompute}>
                {t('rfm.recompute.button')}
              </Button>
            )}
          </Empty>
          <p className="rfm-rule">{t('rfm.rule')}</p>
        </Card>
      )}
      {s && hasAssessment(s) && (
        <>
          <div className="rfm-facts" data-testid="rfm-header">
            <Fact label={t('rfm.asOf')} value={s.asOf ?? t('common.none')} testId="rfm-as-of" />
            <Fact label={t('rfm.window')} value={t('rfm.windowDays', { count: s.windowDays })} testId="rfm-window" />
            <Fact label={t('rfm.computedAt')} value={formatDateTime(s.computedAt)} testId="rfm-computed-at" />
            <Fact
              label={t('rfm.schedule')}
              value={
                everyDays === undefined
                  ? t('common.none')
                  : everyDays === null
                    ? t('rfm.scheduleOff')
                    : t('rfm.scheduleEvery', { count: everyDays })
              }
              testId="rfm-schedule"
            />
            <Fact label={t('rfm.assessed')} value={s.customers.toLocaleString(language)} testId="rfm-customers" />
          </div>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={13}>
              <Card size="small" className="rfm-card" title={t('rfm.grid.title')}>
                <RfmGrid grid={s.grid} />
                <p className="rfm-hint">{t('rfm.grid.hint')}</p>
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <div className="rfm-side">
                <Card size="small" className="rfm-card" title={t('rfm.tiers.title')}>
                  <TierDistribution summary={s} settings={settings.data} />
                </Card>
                <Card size="small" className="rfm-card" title={t('rfm.levels.title')}>
                  <LevelDistribution summary={s} settings={settings.data} />
                </Card>
              </div>
            </Col>
          </Row>
          <p className="rfm-rule">{t('rfm.rule')}</p>
        </>
      )}
      {asking && (
        <RecomputeModal
          windowDays={settings.data?.windowDays ?? s?.windowDays}
          writeTier={settings.data?.writeTier}
          running={recompute.isPending}
          error={recompute.error}
          onRun={run}
          onCancel={() => setAsking(false)}
        />
      )}
      {isAdmin && <RfmSettingsDrawer open={editingSettings} onClose={() => setEditingSettings(false)} />}
    </div>
  );
}
