import { AutoComplete, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConditionField, Entity, RuleAction } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { fieldLabel } from '../../classification/labels';
import { SETTABLE_FIELDS, assignsAutomatically } from './ruleModel';
import { RecipientInput, UserSelect, type UserChoice } from './RecipientInput';

export interface ActionEnv {
  entity: Entity;
  fields: ConditionField[];
  users: UserChoice[];
  tagNames: string[];
  disabled: boolean;
}

interface Props {
  action: RuleAction;
  onChange: (action: RuleAction) => void;
  env: ActionEnv;
}

/** The inputs of one action, by its kind. */
export function ActionFields({ action, onChange, env }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { disabled } = env;

  switch (action.kind) {
    case 'set_field': {
      const settable = SETTABLE_FIELDS[env.entity];
      const field = env.fields.find((f) => f.key === action.field);
      const label = (key: string) => {
        const f = env.fields.find((x) => x.key === key);
        return f ? fieldLabel(f, language) : key;
      };
      return (
        <div className="action-fields action-fields-pair">
          <Select
            value={action.field || undefined}
            placeholder={t('workflow.action.field')}
            disabled={disabled}
            onChange={(key: string) => onChange({ ...action, field: key, value: '' })}
            options={settable.map((key) => ({ value: key, label: label(key) }))}
            aria-label={t('workflow.action.field')}
            data-testid="action-field"
            classNames={{ popup: { root: 'action-field-popup' } }}
          />
          <Select
            value={action.value || undefined}
            placeholder={t('workflow.action.value')}
            disabled={disabled}
            onChange={(value: string) => onChange({ ...action, value })}
            options={(field?.options ?? []).map((o) => ({ value: o.key, label: fieldLabel(o, language) }))}
            aria-label={t('workflow.action.value')}
            data-testid="action-value"
          />
        </div>
      );
    }
    case 'assign':
      return (
        <div className="action-fields">
          <UserSelect
            value={action.to ?? null}
            onChange={(to) => onChange({ ...action, to })}
            users={env.users}
            disabled={disabled}
            emptyLabel={assignsAutomatically(env.entity) ? t('workflow.action.automatic') : undefined}
          />
        </div>
      );
    case 'add_tag':
      return (
        <div className="action-fields">
          <AutoComplete
            value={action.tag}
            disabled={disabled}
            onChange={(tag: string) => onChange({ ...action, tag })}
            options={env.tagNames.filter((n) => n.includes(action.tag.trim())).map((n) => ({ value: n }))}
            placeholder={t('workflow.action.tag')}
            aria-label={t('workflow.action.tag')}
            data-testid="action-tag"
          />
        </div>
      );
    case 'create_task':
      return (
        <div className="action-fields action-fields-stack">
          <Input
            value={action.title}
            disabled={disabled}
            onChange={(e) => onChange({ ...action, title: e.target.value })}
            placeholder={t('workflow.action.taskTitleHint')}
            aria-label={t('workflow.action.taskTitle')}
            maxLength={200}
            data-testid="action-task-title"
          />
          <div className="action-fields-row">
            <InputNumber
              value={action.due_in_days}
              min={0}
              max={3650}
              precision={0}
              disabled={disabled}
              onChange={(v) => onChange({ ...action, due_in_days: v ?? 0 })}
              prefix={t('workflow.action.dueInDays')}
              suffix={t('workflow.action.dueInDaysSuffix')}
              aria-label={t('workflow.action.dueInDays')}
              data-testid="action-task-due"
              className="action-due"
            />
            <RecipientInput value={action.to} onChange={(to) => onChange({ ...action, to })} users={env.users} disabled={disabled} />
          </div>
        </div>
      );
    case 'notify':
      return (
        <div className="action-fields action-fields-stack">
          <Input.TextArea
            value={action.message}
            disabled={disabled}
            onChange={(e) => onChange({ ...action, message: e.target.value })}
            placeholder={t('workflow.action.messageHint')}
            aria-label={t('workflow.action.message')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            data-testid="action-message"
          />
          <RecipientInput value={action.to} onChange={(to) => onChange({ ...action, to })} users={env.users} disabled={disabled} />
        </div>
      );
    case 'return_to_pool':
      return <div className="action-fields action-hint">{t('workflow.action.returnHint')}</div>;
  }
}
