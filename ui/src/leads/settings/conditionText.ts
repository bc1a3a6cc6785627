// A rule's conditions as one line people read: "来源 是 官网、展会；区域 是 华南区".
import type { TFunction } from 'i18next';
import type { LeadCondition, LeadOrigin } from '../../ipc/client';
import { opTakesValues } from './ruleFormModel';

const ORIGINS: LeadOrigin[] = ['manual', 'import', 'campaign'];

/** A condition's value as shown: a territory's name for its id, an origin's label for its key. */
export function conditionValueLabel(t: TFunction, field: LeadCondition['field'], value: string, territoryNames: Map<string, string>): string {
  if (field === 'territory') return territoryNames.get(value) ?? value;
  if (field === 'origin') {
    const origin = ORIGINS.find((o) => o === value);
    return origin ? t(`leads.origin.${origin}`) : value;
  }
  return value;
}

export function conditionsText(t: TFunction, conditions: LeadCondition[], territoryNames: Map<string, string>): string {
  if (conditions.length === 0) return t('leads.rules.allLeads');
  const separator = t('leads.rules.listSeparator');
  return conditions
    .map((c) => {
      const head = `${t(`leads.rules.fields.${c.field}`)} ${t(`leads.rules.ops.${c.op}`)}`;
      if (!opTakesValues(c.op)) return head;
      const values = (c.values ?? []).map((v) => conditionValueLabel(t, c.field, v, territoryNames));
      return `${head} ${values.join(separator)}`;
    })
    .join(t('leads.rules.conditionSeparator'));
}
