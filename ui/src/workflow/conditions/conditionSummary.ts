// A condition in one line of words, e.g. "客户类型是VIP 且 优先级是低或普通", for lists where the
// builder would take too much room.
import type { TFunction } from 'i18next';
import type { Condition, ConditionField, Language } from '../../ipc/client';
import { fieldLabel } from '../../classification/labels';
import { childrenOf, findConditionField, isGroup, type TestCondition } from './conditionModel';
import type { SegmentOption } from './builderEnv';

/** What the words need besides the condition: its fields, the language, segment names. */
interface Context {
  fields: ConditionField[];
  language: Language;
  segments: SegmentOption[];
}

function valueWords(t: TFunction, test: TestCondition, field: ConditionField | undefined, { language, segments }: Context): string {
  const values = (test.values ?? []).map((v) => {
    if (field?.kind === 'membership') return segments.find((s) => s.id === v)?.name ?? v;
    const option = field?.options.find((o) => o.key === v);
    return option ? fieldLabel(option, language) : v;
  });
  // "is A or B" reads as any of them; tag tests list the tags.
  const or = ['is', 'is_not', 'contains'].includes(test.op);
  return values.join(t(or ? 'workflow.condition.orSeparator' : 'workflow.condition.listSeparator'));
}

function testWords(t: TFunction, test: TestCondition, context: Context): string {
  const field = findConditionField(context.fields, test.field);
  const name = field ? fieldLabel(field, context.language) : test.field;
  const values = valueWords(t, test, field, context);
  if (field?.kind === 'date' && (test.op === 'gt' || test.op === 'lt')) {
    return t(test.op === 'gt' ? 'workflow.condition.says.dateGt' : 'workflow.condition.says.dateLt', { field: name, values });
  }
  const said = t(`workflow.condition.says.${test.op}`, { field: name, values });
  return test.windowDays != null ? t('workflow.condition.says.window', { test: said, days: test.windowDays }) : said;
}

function words(t: TFunction, c: Condition, context: Context, nested: boolean): string {
  if (!isGroup(c)) return testWords(t, c, context);
  const children = childrenOf(c);
  if (c.kind === 'not') {
    const inner = children.map((child) => words(t, child, context, true)).join(` ${t('workflow.condition.or')} `);
    return t('workflow.condition.notGroup', { inner });
  }
  if (children.length === 0) return t(c.kind === 'all' ? 'workflow.condition.always' : 'workflow.condition.never');
  const joined = children
    .map((child) => words(t, child, context, true))
    .join(` ${t(c.kind === 'all' ? 'workflow.condition.and' : 'workflow.condition.or')} `);
  return nested && children.length > 1 ? `(${joined})` : joined;
}

/** The condition in words; membership tests name the segments when `segments` knows them. */
export function describeCondition(
  t: TFunction,
  condition: Condition,
  fields: ConditionField[],
  language: Language,
  segments: SegmentOption[] = [],
): string {
  return words(t, condition, { fields, language, segments }, false);
}
