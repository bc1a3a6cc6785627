import { describe, expect, test } from 'vitest';
import i18n, { applyLanguage } from '../../i18n';
import { DEFAULT_RULES, LEAD_FIELDS, TICKET_FIELDS } from '../workflowFixtures';
import { describeCondition } from './conditionSummary';

describe('a condition in words', () => {
  test('tests joined by and / or, option labels for keys, nested groups in brackets, none of as not', async () => {
    await applyLanguage('zh-CN');
    expect(describeCondition(i18n.t, DEFAULT_RULES[0].condition, TICKET_FIELDS, 'zh-CN')).toBe('客户阶段是VIP 且 优先级是低或普通');
    expect(describeCondition(i18n.t, DEFAULT_RULES[1].condition, LEAD_FIELDS, 'zh-CN')).toBe('状态是待处理或跟进中 且 最后跟进已超过 7 天');
    const nested = {
      kind: 'all' as const,
      items: [
        { kind: 'test' as const, field: 'resolution_due', op: 'lt' as const, values: ['2026-03-01'] },
        { kind: 'any' as const, items: [
          { kind: 'test' as const, field: 'customer.tags', op: 'has_any' as const, values: ['重点', '老客户'] },
          { kind: 'test' as const, field: 'subject', op: 'is_empty' as const, values: [] },
        ] },
        { kind: 'not' as const, item: { kind: 'test' as const, field: 'category', op: 'is' as const, values: ['repair'] } },
      ],
    };
    expect(describeCondition(i18n.t, nested, TICKET_FIELDS, 'zh-CN')).toBe(
      '解决期限早于 2026-03-01 且 (客户标签含重点、老客户之一 或 主题为空) 且 并非（类别是维修）',
    );
    expect(describeCondition(i18n.t, { kind: 'all', items: [] }, TICKET_FIELDS, 'zh-CN')).toBe('所有记录');

    await applyLanguage('en');
    expect(describeCondition(i18n.t, DEFAULT_RULES[0].condition, TICKET_FIELDS, 'en')).toBe(
      'Customer lifecycle is VIP and Priority is Low or Normal',
    );
    expect(describeCondition(i18n.t, nested, TICKET_FIELDS, 'en')).toBe(
      'Resolution due before 2026-03-01 and (Customer tags has any of 重点, 老客户 or Subject is empty) and not (Category is Repair)',
    );
  });

  test('an order window and the names of the segments a membership test names', async () => {
    const fields = [
      { key: 'orders.count', labelZh: '订单数', labelEn: 'Number of orders', kind: 'aggregate' as const, options: [] },
      { key: 'segment', labelZh: '所属分组', labelEn: 'Segment', kind: 'membership' as const, options: [] },
    ];
    const condition = {
      kind: 'all' as const,
      items: [
        { kind: 'test' as const, field: 'orders.count', op: 'gte' as const, values: ['3'], windowDays: 90 },
        { kind: 'test' as const, field: 'segment', op: 'has_none' as const, values: ['seg-black'] },
      ],
    };
    const segments = [{ id: 'seg-black', name: '黑名单' }];
    await applyLanguage('zh-CN');
    expect(describeCondition(i18n.t, condition, fields, 'zh-CN', segments)).toBe('订单数 ≥ 3（最近 90 天） 且 所属分组不含黑名单');
    await applyLanguage('en');
    expect(describeCondition(i18n.t, condition, fields, 'en', segments)).toBe('Number of orders ≥ 3 (last 90 days) and Segment has none of 黑名单');
    expect(describeCondition(i18n.t, condition, fields, 'en')).toBe('Number of orders ≥ 3 (last 90 days) and Segment has none of seg-black');
  });
});
