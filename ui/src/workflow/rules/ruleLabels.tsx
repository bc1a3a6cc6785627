// How a rule's kind of record and trigger look wherever they appear (list, editor, run log).
import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const ENTITY_COLORS: Record<string, string> = { customer: 'blue', lead: 'cyan', opportunity: 'purple', ticket: 'orange' };
const TRIGGERS = ['created', 'updated', 'status_changed', 'schedule'] as const;

export function EntityTag({ entity }: { entity: string }) {
  const { t } = useTranslation();
  const known = (['customer', 'lead', 'opportunity', 'ticket'] as const).find((e) => e === entity);
  return (
    <Tag color={ENTITY_COLORS[entity] ?? 'default'} variant="filled" className="entity-tag">
      {known ? t(`workflow.entity.${known}`) : entity}
    </Tag>
  );
}

/** "创建时", or "定时 · 每 60 分钟" for a scheduled rule. */
export function TriggerText({ trigger, everyMinutes }: { trigger: string; everyMinutes?: number | null }) {
  const { t } = useTranslation();
  const known = TRIGGERS.find((k) => k === trigger);
  if (!known) return <span>{trigger}</span>;
  if (known !== 'schedule') return <span className="trigger-text">{t(`workflow.trigger.${known}`)}</span>;
  return (
    <span className="trigger-text trigger-schedule">
      <span>
        <ClockCircleOutlined className="muted" /> {t('workflow.trigger.schedule')}
      </span>
      {everyMinutes ? <span className="trigger-every">{t('workflow.trigger.every', { count: everyMinutes })}</span> : null}
    </span>
  );
}
