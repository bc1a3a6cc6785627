import { useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, InputNumber, Select, Skeleton, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type RfmSettings } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useRfmSettings, useSaveRfmSettings } from './queries';
import { useTierLabels } from './rfmDisplay';
import { fromDraft, toDraft, type SettingsDraft, type TierRuleDraft } from './rfmModel';

/** The window, tier thresholds, value levels, tier writing and schedule (administrators). */
export function RfmSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} size={520} destroyOnHidden title={t('rfm.settings.title')}>
      {open && <SettingsLoader onClose={onClose} />}
    </Drawer>
  );
}

function SettingsLoader({ onClose }: { onClose: () => void }) {
  const settings = useRfmSettings();
  if (settings.isError) return <Alert type="error" showIcon title={errorMessage(settings.error)} />;
  if (!settings.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <SettingsEditor saved={settings.data} onClose={onClose} />;
}

interface SectionProps {
  title: string;
  hint?: string;
  /** Below the hint. */
  after?: ReactNode;
  children: ReactNode;
}

function Section({ title, hint, after, children }: SectionProps) {
  return (
    <section className="rfm-settings-section">
      <div className="rfm-settings-title">{title}</div>
      {children}
      {hint && <div className="rfm-settings-hint">{hint}</div>}
      {after}
    </section>
  );
}

function SettingsEditor({ saved, onClose }: { saved: RfmSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tiers = useTierLabels();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(saved));
  const added = useRef(0);
  const save = useSaveRfmSettings();
  const settings = fromDraft(draft, saved);

  const edit = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    save.reset();
  };
  const editTier = (rowKey: string, patch: Partial<TierRuleDraft>) =>
    edit({ tiers: draft.tiers.map((r) => (r.rowKey === rowKey ? { ...r, ...patch } : r)) });
  const submit = () => {
    if (!settings) return;
    save.mutate(settings, {
      onSuccess: () => {
        void message.success(t('rfm.settings.saved'));
        onClose();
      },
    });
  };
  const used = new Set(draft.tiers.map((r) => r.tier));

  return (
    <div className="rfm-settings" data-testid="rfm-settings">
      {save.isError && (
        <Alert
          type="error"
          showIcon
          className="rfm-settings-error"
          title={t('rfm.settings.refused')}
          description={errorMessage(save.error)}
          data-testid="rfm-settings-error"
        />
      )}
      <Section title={t('rfm.settings.window')} hint={t('rfm.settings.windowHint')}>
        <Space>
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            value={draft.windowDays}
            onChange={(windowDays) => edit({ windowDays })}
            data-testid="rfm-settings-window"
          />
          <span>{t('rfm.settings.days')}</span>
        </Space>
      </Section>

      <Section title={t('rfm.settings.tiers')} hint={t('rfm.settings.tiersHint')}>
        <div className="rfm-tier-rules">
          <div className="rfm-tier-rule rfm-tier-rule-head">
            <span>{t('rfm.settings.tier')}</span>
            <span>{t('rfm.settings.minScore')}</span>
          </div>
          {draft.tiers.map((rule) => (
            <div key={rule.rowKey} className="rfm-tier-rule" data-testid="rfm-settings-tier-row">
              <Select<string>
                value={rule.tier ?? undefined}
                onChange={(tier) => editTier(rule.rowKey, { tier })}
                options={tiers.options.map((o) => ({ ...o, disabled: o.value !== rule.tier && used.has(o.value) }))}
                labelRender={({ value }) => tiers.label(String(value))}
                data-testid="rfm-settings-tier"
              />
              <InputNumber<number>
                min={3}
                max={15}
                precision={0}
                value={rule.minScore}
                onChange={(minScore) => editTier(rule.rowKey, { minScore })}
                data-testid="rfm-settings-min-score"
              />
              <Tooltip title={t('rfm.settings.removeTier')}>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('rfm.settings.removeTier')}
                  disabled={draft.tiers.length <= 1}
                  onClick={() => edit({ tiers: draft.tiers.filter((r) => r.rowKey !== rule.rowKey) })}
                  data-testid="rfm-settings-tier-remove"
                />
              </Tooltip>
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={draft.tiers.length >= tiers.options.length}
            onClick={() =>
              edit({ tiers: [...draft.tiers, { rowKey: `new-${++added.current}`, tier: null, minScore: null }] })
            }
            data-testid="rfm-settings-tier-add"
          >
            {t('rfm.settings.addTier')}
          </Button>
        </div>
      </Section>

      <Section title={t('rfm.settings.levels')} hint={t('rfm.settings.levelsHint')}>
        <div className="rfm-level-rules">
          <label>
            <span>{t('rfm.settings.highMin')}</span>
            <InputNumber<number>
              min={3}
              max={15}
              precision={0}
              value={draft.highMin}
              onChange={(highMin) => edit({ highMin })}
              data-testid="rfm-settings-high"
            />
          </label>
          <label>
            <span>{t('rfm.settings.midMin')}</span>
            <InputNumber<number>
              min={3}
              max={15}
              precision={0}
              value={draft.midMin}
              onChange={(midMin) => edit({ midMin })}
              data-testid="rfm-settings-mid"
            />
          </label>
        </div>
      </Section>

      <Section title={t('rfm.settings.writeTier', { field: tiers.title })} hint={t('rfm.settings.writeTierHint')}>
        <Switch
          checked={draft.writeTier}
          onChange={(writeTier) => edit({ writeTier })}
          aria-label={t('rfm.settings.writeTier', { field: tiers.title })}
          data-testid="rfm-settings-write-tier"
        />
      </Section>

      <Section
        title={t('rfm.settings.schedule')}
        hint={t('rfm.settings.scheduleHint')}
        after={
          <div className="rfm-settings-last" data-testid="rfm-settings-last-run">
            {saved.lastRunAt
              ? t('rfm.settings.lastRun', { at: formatDateTime(saved.lastRunAt), asOf: saved.lastAsOf ?? '' })
              : t('rfm.settings.neverRun')}
          </div>
        }
      >
        <Space>
          <Switch
            checked={draft.scheduled}
            onChange={(scheduled) => edit({ scheduled, everyDays: scheduled ? (draft.everyDays ?? 1) : draft.everyDays })}
            aria-label={t('rfm.settings.schedule')}
            data-testid="rfm-settings-schedule"
          />
          <span className={draft.scheduled ? undefined : 'rfm-muted'}>{t('rfm.settings.every')}</span>
          <InputNumber<number>
            min={1}
            max={365}
            precision={0}
            disabled={!draft.scheduled}
            value={draft.everyDays}
            onChange={(everyDays) => edit({ everyDays })}
            data-testid="rfm-settings-every"
          />
          <span className={draft.scheduled ? undefined : 'rfm-muted'}>{t('rfm.settings.days')}</span>
        </Space>
      </Section>

      <div className="rfm-settings-footer">
        {!settings && <Typography.Text type="secondary">{t('rfm.settings.incomplete')}</Typography.Text>}
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!settings} loading={save.isPending} onClick={submit} data-testid="rfm-settings-save">
          {t('common.save')}
        </Button>
      </div>
    </div>
  );
}
