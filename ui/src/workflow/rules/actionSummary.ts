// An action in a few words, e.g. "把优先级设为高", for the rule list.
import type { TFunction } from 'i18next';
import type { ConditionField, Language, Recipient, RuleAction } from '../../ipc/client';
import { fieldLabel } from '../../classification/labels';

function recipientWords(t: TFunction, to: Recipient): string {
  return to.kind === 'owner' ? t('workflow.action.says.owner') : to.login;
}

export function describeAction(t: TFunction, action: RuleAction, fields: ConditionField[], language: Language): string {
  switch (action.kind) {
    case 'set_field': {
      const field = fields.find((f) => f.key === action.field);
      const option = field?.options.find((o) => o.key === action.value);
      return t('workflow.action.says.set_field', {
        field: field ? fieldLabel(field, language) : action.field,
        value: option ? fieldLabel(option, language) : action.value,
      });
    }
    case 'assign':
      return action.to ? t('workflow.action.says.assign', { user: action.to }) : t('workflow.action.says.assignAuto');
    case 'add_tag':
      return t('workflow.action.says.add_tag', { tag: action.tag });
    case 'create_task':
      return t(action.due_in_days > 0 ? 'workflow.action.says.create_task_due' : 'workflow.action.says.create_task', {
        title: action.title,
        to: recipientWords(t, action.to),
        days: action.due_in_days,
      });
    case 'notify':
      return t('workflow.action.says.notify', { to: recipientWords(t, action.to), message: action.message });
    case 'return_to_pool':
      return t('workflow.action.says.return_to_pool');
  }
}

export function describeActions(t: TFunction, actions: RuleAction[], fields: ConditionField[], language: Language): string {
  return actions.map((a) => describeAction(t, a, fields, language)).join(t('workflow.action.separator'));
}
