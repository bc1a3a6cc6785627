// Turning audit entries into words: "客户 · 修改" for `customer.update`, field changes as the
// customer history shows them, plus what only the admin objects have (roles, units, places).
import type { TFunction } from 'i18next';
import type { Place, Value } from '../../ipc/client';
import { historyValue, type HistoryContext } from '../../customers/detail/historyFormat';
import { zhCN } from '../../i18n/zh-CN';
import { placeText } from '../territories/placeText';

export interface AuditContext extends HistoryContext {
  /** Unit names by id: user and unit changes record unit ids. */
  unitNames: Map<string, string>;
}

const has = <T extends object>(texts: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(texts, key);

/** "客户 · 修改" for `customer.update`; the raw action when it is not one this UI knows. */
export function actionLabel(t: TFunction, action: string): string {
  if (action === 'sign_in') return t('audit.signIn');
  const [entity, op] = action.split('.', 2);
  // The Chinese texts hold every key both languages have.
  if (op && has(zhCN.audit.entities, entity) && has(zhCN.audit.ops, op)) {
    return `${t(`audit.entities.${entity}`)} · ${t(`audit.ops.${op}`)}`;
  }
  return action;
}

/** The entity an action is about (`customer` of `customer.update`). */
export function actionEntity(action: string): string {
  return action.split('.', 1)[0];
}

export function auditValue(ctx: AuditContext, entity: string, field: string, value: Value | null): string {
  if (value !== null && value !== '') {
    if (field === 'role' && typeof value === 'string') return ctx.t(`role.${value as 'admin'}`, { defaultValue: value });
    if ((field === 'unitId' || field === 'parentId') && typeof value === 'string') return ctx.unitNames.get(value) ?? value;
    if (field === 'places' && Array.isArray(value)) {
      return value.map((p) => (p && typeof p === 'object' && !Array.isArray(p) ? placeText(p as Place) : JSON.stringify(p))).join('、');
    }
  }
  return historyValue(ctx, entity, field, value);
}
