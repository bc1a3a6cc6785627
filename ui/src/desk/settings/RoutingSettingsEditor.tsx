import { useRef, useState } from 'react';
import { Alert, App, Button, Input, Radio, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type RoutingStrategy } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useTicketRouting } from '../../service/ticketLabels';
import {
  STRATEGIES,
  addCategory,
  fromRouting,
  removeCategory,
  toRouting,
  updateCategory,
  type RoutingDraft,
} from './routingModel';

/**
 * How new tickets find an agent (by hand, in turn, or to the least loaded; by skill or not) and
 * the ticket categories. The administrator edits them and saves at once; everyone else reads.
 */
export function RoutingSettingsEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const routing = useTicketRouting();
  // null: nothing edited yet, the saved routing shows.
  const [draft, setDraft] = useState<RoutingDraft | null>(null);
  const added = useRef(0);
  const save = useMutation({
    mutationFn: (d: RoutingDraft) => ipc.ticketRoutingSet(toRouting(d)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.ticketRouting, saved);
      // Removing a category also drops it from the agents' skills.
      void queryClient.invalidateQueries({ queryKey: queryKeys.agents });
      setDraft(null);
      void message.success(t('desk.routing.saved'));
    },
  });
  const change = (next: RoutingDraft) => {
    setDraft(next);
    save.reset();
  };
  const undo = () => {
    setDraft(null);
    save.reset();
  };

  if (routing.isError) return <Alert type="error" showIcon title={errorMessage(routing.error)} />;
  if (!routing.data) return null;
  const current = draft ?? fromRouting(routing.data);

  return (
    <section className="desk-settings-section" data-testid="routing-editor">
      <div className="panel-toolbar">
        <div>
          <Typography.Title level={5} className="desk-settings-title">
            {t('desk.routing.strategyTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('desk.routing.strategyHint')}</Typography.Text>
        </div>
        {editable && (
          <Space>
            <Button icon={<UndoOutlined />} disabled={draft === null} onClick={undo} data-testid="routing-reset">
              {t('desk.settings.reset')}
            </Button>
            <Button
              type="primary"
              disabled={draft === null}
              loading={save.isPending}
              onClick={() => draft && save.mutate(draft)}
              data-testid="routing-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )}
      </div>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={t('desk.settings.refused')}
          description={errorMessage(save.error)}
          data-testid="routing-error"
        />
      )}
      <Radio.Group
        className="strategy-options"
        value={current.strategy}
        disabled={!editable}
        onChange={(e) => change({ ...current, strategy: e.target.value as RoutingStrategy })}
        data-testid="routing-strategy"
      >
        {STRATEGIES.map((s) => (
          <Radio key={s} value={s} className="strategy-option" data-testid={`routing-strategy-${s}`}>
            <span className="strategy-name">{t(`desk.routing.strategies.${s}`)}</span>
            <span className="strategy-explanation">{t(`desk.routing.strategyHelp.${s}`)}</span>
          </Radio>
        ))}
      </Radio.Group>
      <div className="by-skill">
        <Switch
          checked={current.bySkill}
          disabled={!editable}
          onChange={(bySkill) => change({ ...current, bySkill })}
          data-testid="routing-by-skill"
        />
        <div>
          <div className="strategy-name">{t('desk.routing.bySkill')}</div>
          <div className="strategy-explanation">
            {t(current.strategy === 'manual' ? 'desk.routing.bySkillManual' : 'desk.routing.bySkillHelp')}
          </div>
        </div>
      </div>

      <div className="panel-toolbar categories-toolbar">
        <div>
          <Typography.Title level={5} className="desk-settings-title">
            {t('desk.routing.categoriesTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('desk.routing.categoriesHint')}</Typography.Text>
        </div>
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => change(addCategory(current, `new-${++added.current}`))} data-testid="category-add">
            {t('desk.routing.addCategory')}
          </Button>
        )}
      </div>
      <div className="category-table" role="table">
        <div className="category-row category-head" role="row">
          <span>{t('desk.routing.categoryKey')}</span>
          <span>{t('field.labelZh')}</span>
          <span>{t('field.labelEn')}</span>
          <span />
        </div>
        {current.categories.map((c, i) =>
          editable ? (
            <div key={c.rowKey} className="category-row" role="row" data-testid="category-row">
              {c.saved ? (
                <Tooltip title={t('desk.routing.keyFixed')}>
                  <code className="category-key-fixed" data-testid={`category-key-${i}`}>
                    {c.key}
                  </code>
                </Tooltip>
              ) : (
                <Tooltip title={t('settings.keyHint')}>
                  <Input
                    value={c.key}
                    maxLength={40}
                    placeholder={t('desk.routing.keyPlaceholder')}
                    onChange={(e) => change(updateCategory(current, c.rowKey, { key: e.target.value }))}
                    data-testid={`category-key-${i}`}
                  />
                </Tooltip>
              )}
              <Input
                value={c.labelZh}
                maxLength={40}
                onChange={(e) => change(updateCategory(current, c.rowKey, { labelZh: e.target.value }))}
                data-testid={`category-zh-${i}`}
              />
              <Input
                value={c.labelEn}
                maxLength={60}
                onChange={(e) => change(updateCategory(current, c.rowKey, { labelEn: e.target.value }))}
                data-testid={`category-en-${i}`}
              />
              <Tooltip title={t('common.remove')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => change(removeCategory(current, c.rowKey))}
                  data-testid={`category-remove-${i}`}
                />
              </Tooltip>
            </div>
          ) : (
            <div key={c.rowKey} className="category-row" role="row" data-testid="category-row">
              <code className="category-key">{c.key}</code>
              <span>{c.labelZh}</span>
              <span>{c.labelEn}</span>
              <span />
            </div>
          ),
        )}
        {current.categories.length === 0 && <div className="muted category-empty">{t('desk.routing.noCategories')}</div>}
      </div>
    </section>
  );
}
