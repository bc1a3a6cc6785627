// The assignment rule form's values and the AssignmentRuleInput the core takes.
import type { AssignmentRule, AssignmentRuleInput, AssignStrategy, ConditionOp, LeadCondition, LeadField } from '../../ipc/client';

export const LEAD_FIELDS: LeadField[] = [
  'source',
  'territory',
  'industry',
  'country',
  'province',
  'city',
  'company',
  'name',
  'email',
  'phone',
  'origin',
];
export const CONDITION_OPS: ConditionOp[] = ['is', 'is_not', 'contains', 'is_empty', 'is_not_empty'];
export const STRATEGIES: AssignStrategy[] = ['round_robin', 'least_loaded'];

/** "Is empty" and "is not empty" look at no values. */
export function opTakesValues(op: ConditionOp): boolean {
  return op !== 'is_empty' && op !== 'is_not_empty';
}

export type TargetKind = 'user' | 'unit';

export interface RuleFormValues {
  name: string;
  active: boolean;
  conditions: { field: LeadField; op: ConditionOp; values?: string[] }[];
  targetKind: TargetKind;
  targetUser?: string | null;
  targetUnitId?: string | null;
  strategy: AssignStrategy;
}

export const NEW_CONDITION: RuleFormValues['conditions'][number] = { field: 'source', op: 'is', values: [] };

export function toRuleFormValues(rule: AssignmentRule | null): RuleFormValues {
  if (!rule) return { name: '', active: true, conditions: [], targetKind: 'user', strategy: 'round_robin' };
  return {
    name: rule.name,
    active: rule.active,
    conditions: rule.conditions.map((c) => ({ field: c.field, op: c.op, values: c.values ?? [] })),
    targetKind: rule.targetUser ? 'user' : 'unit',
    targetUser: rule.targetUser,
    targetUnitId: rule.targetUnitId,
    strategy: rule.strategy,
  };
}

/** Exactly one target goes to the core; values only where the operator reads them. */
export function toRuleInput(values: RuleFormValues): AssignmentRuleInput {
  const conditions: LeadCondition[] = values.conditions.map((c) => ({
    field: c.field,
    op: c.op,
    values: opTakesValues(c.op) ? (c.values ?? []).map((v) => v.trim()).filter(Boolean) : [],
  }));
  return {
    name: values.name.trim(),
    active: values.active,
    conditions,
    targetUser: values.targetKind === 'user' ? (values.targetUser ?? null) : null,
    targetUnitId: values.targetKind === 'unit' ? (values.targetUnitId ?? null) : null,
    strategy: values.strategy,
  };
}
