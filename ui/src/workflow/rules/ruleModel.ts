// A rule as the editor holds it, and what each kind of record allows: the fields set_field may
// set (crm-core workflow::rules::settable), the actions that make sense, sensible defaults.
import type { Entity, Language, Recipient, RuleAction, RuleInput, Trigger, WorkflowRule } from '../../ipc/client';
import { EMPTY_CONDITION } from '../conditions/conditionModel';

export const ENTITIES: Entity[] = ['customer', 'lead', 'opportunity', 'ticket'];
export const TRIGGERS: Trigger[] = ['created', 'updated', 'status_changed', 'schedule'];
export const DEFAULT_EVERY_MINUTES = 60;

export type ActionKind = RuleAction['kind'];
export const ACTION_KINDS: ActionKind[] = ['set_field', 'assign', 'add_tag', 'create_task', 'notify', 'return_to_pool'];

/** The fields a rule may set, per kind of record, as the core allows them. */
export const SETTABLE_FIELDS: Record<Entity, string[]> = {
  ticket: ['priority', 'category', 'customer.tier', 'customer.lifecycle'],
  customer: ['tier', 'lifecycle'],
  opportunity: ['customer.tier', 'customer.lifecycle'],
  lead: [],
};

/** The actions offered for a kind of record (the core refuses the others). */
export function actionKindsFor(entity: Entity): ActionKind[] {
  return ACTION_KINDS.filter((kind) => {
    if (kind === 'set_field') return SETTABLE_FIELDS[entity].length > 0;
    if (kind === 'add_tag') return entity !== 'lead'; // a lead has no customer to tag
    if (kind === 'return_to_pool') return entity === 'lead';
    return true;
  });
}

/** Tickets go to the routing and leads to the assignment rules; other records need a name. */
export function assignsAutomatically(entity: Entity): boolean {
  return entity === 'ticket' || entity === 'lead';
}

const OWNER: Recipient = { kind: 'owner' };

export function newAction(kind: ActionKind, entity: Entity): RuleAction {
  switch (kind) {
    case 'set_field':
      return { kind, field: SETTABLE_FIELDS[entity][0] ?? '', value: '' };
    case 'assign':
      return { kind, to: null };
    case 'add_tag':
      return { kind, tag: '' };
    case 'create_task':
      return { kind, title: '', due_in_days: 1, to: OWNER };
    case 'notify':
      return { kind, message: '', to: OWNER };
    case 'return_to_pool':
      return { kind };
  }
}

export function draftOf(rule?: WorkflowRule): RuleInput {
  if (!rule) {
    return {
      name: '',
      entity: 'ticket',
      trigger: 'created',
      everyMinutes: null,
      condition: EMPTY_CONDITION,
      actions: [],
      active: true,
    };
  }
  return {
    name: rule.name,
    entity: rule.entity,
    trigger: rule.trigger,
    everyMinutes: rule.everyMinutes,
    condition: rule.condition,
    actions: rule.actions,
    active: rule.active,
  };
}

/** Another kind of record: its fields differ, so the condition starts again; unfitting actions go. */
export function withEntity(draft: RuleInput, entity: Entity): RuleInput {
  const allowed = actionKindsFor(entity);
  const actions = draft.actions.filter(
    (a) => allowed.includes(a.kind) && (a.kind !== 'set_field' || SETTABLE_FIELDS[entity].includes(a.field)),
  );
  return { ...draft, entity, condition: EMPTY_CONDITION, actions };
}

export function withTrigger(draft: RuleInput, trigger: Trigger): RuleInput {
  return {
    ...draft,
    trigger,
    everyMinutes: trigger === 'schedule' ? (draft.everyMinutes ?? DEFAULT_EVERY_MINUTES) : null,
  };
}

/** What is sent: the interval only for a scheduled rule, the name without stray spaces. */
export function toRuleInput(draft: RuleInput): RuleInput {
  return { ...draft, name: draft.name.trim(), everyMinutes: draft.trigger === 'schedule' ? (draft.everyMinutes ?? null) : null };
}

/**
 * The default rules ship with a name in both languages ("中文 / English"); show the part of the
 * language in use. Names people give their own rules are shown as typed.
 */
export function ruleDisplayName(rule: Pick<WorkflowRule, 'name' | 'builtin'>, language: Language): string {
  const parts = rule.name.split(' / ');
  if (!rule.builtin || parts.length !== 2) return rule.name;
  return language === 'en' ? parts[1] : parts[0];
}
