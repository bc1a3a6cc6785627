import { describe, expect, test } from 'vitest';
import { SEGMENT_FIELDS } from '../segments/segmentFixtures';
import { DRAFT, SENT } from './campaignFixtures';
import { draftOf, insertPlaceholder, placeholderFields, reasonKey, sendAction, toCampaignInput, withAttributionDays } from './campaignModel';

describe('the campaign model', () => {
  test('a placeholder replaces the selection, or goes in at the caret, clamped to the text', () => {
    expect(insertPlaceholder('您好新品', 'name', 2, 2)).toEqual({ text: '您好{{name}}新品', caret: 10 });
    expect(insertPlaceholder('您好XX新品', 'company', 2, 4)).toEqual({ text: '您好{{company}}新品', caret: 13 });
    expect(insertPlaceholder('abc', 'city', 9, 12)).toEqual({ text: 'abc{{city}}', caret: 11 });
    expect(insertPlaceholder('', 'custom.region', 0, 0).text).toBe('{{custom.region}}');
  });

  test('placeholders may name any field but order figures and memberships, and the address', () => {
    const keys = placeholderFields(SEGMENT_FIELDS).map((f) => f.key);
    expect(keys).toEqual(['name', 'lifecycle', 'tier', 'city', 'tags', 'last_order_on', 'custom.region', 'email']);
  });

  test('the core’s known reasons have words; others are the server’s own', () => {
    expect(reasonKey('in the excluded segment')).toBe('excluded');
    expect(reasonKey('unsubscribed')).toBe('unsubscribed');
    expect(reasonKey('no e-mail address')).toBe('noAddress');
    expect(reasonKey('the server refused it: 550')).toBeNull();
    expect(reasonKey('toString')).toBeNull();
  });

  test('what sending does now', () => {
    expect(sendAction('draft', undefined)).toBe('send');
    expect(sendAction('sending', undefined)).toBe('resume');
    expect(sendAction('sent', 3)).toBe('retry');
    expect(sendAction('sent', 0)).toBeNull();
    expect(sendAction('sent', undefined)).toBeNull();
  });

  test('the input is trimmed, an empty sender name is none; a sent campaign changes its window only', () => {
    const draft = { ...draftOf(DRAFT, 'zh-CN'), name: '  春季  ', fromName: '  ', fromAddress: ' a@b.cn ' };
    expect(toCampaignInput(draft)).toMatchObject({ name: '春季', fromName: null, fromAddress: 'a@b.cn', attributionDays: 30 });
    expect(draftOf(undefined, 'en')).toMatchObject({ language: 'en', attributionDays: 30, segmentId: null });
    expect(withAttributionDays(SENT, 7)).toEqual({
      name: SENT.name, segmentId: SENT.segmentId, excludeSegmentId: null, fromAddress: SENT.fromAddress, fromName: SENT.fromName,
      subject: SENT.subject, body: SENT.body, language: SENT.language, attributionDays: 7,
    });
  });
});
