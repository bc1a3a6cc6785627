import { describe, expect, test } from 'vitest';
import { toCustomerInput, toFormValues } from './customerFormModel';
import { FIELDS, customer } from '../../test/fixtures';

const custom = FIELDS.filter((f) => !f.builtin && f.deletedAt === null);

describe('toCustomerInput', () => {
  test('sends empty and blank text as null and drops blank list entries', () => {
    const input = toCustomerInput(
      {
        name: '  王芳 ',
        kind: 'enterprise',
        lifecycle: 'vip',
        owner: '',
        company: '   ',
        notes: '老客户介绍',
        phones: ['', ' 138 0013 8000 ', undefined],
        emails: ['   '],
      },
      custom,
    );
    expect(input.name).toBe('王芳');
    expect(input.owner).toBeNull();
    expect(input.company).toBeNull();
    expect(input.city).toBeNull();
    expect(input.notes).toBe('老客户介绍');
    expect(input.tier).toBeNull();
    expect(input.phones).toEqual(['138 0013 8000']);
    expect(input.emails).toEqual([]);
  });

  test('sends custom values by type and leaves out empty ones and deleted dimensions', () => {
    const input = toCustomerInput(
      { name: 'x', kind: 'individual', lifecycle: 'potential', custom: { region: 'domestic', budget: 1200.5, old_dim: 'kept?' } },
      custom,
    );
    expect(input.custom).toEqual({ region: 'domestic', budget: 1200.5 });
    const empty = toCustomerInput(
      { name: 'x', kind: 'individual', lifecycle: 'potential', custom: { region: null, budget: undefined } },
      custom,
    );
    expect(empty.custom).toEqual({});
  });

  test('round-trips a customer through the form values', () => {
    const c = customer({ custom: { region: 'international' }, emails: ['a@b.cn'] });
    const input = toCustomerInput(toFormValues(c), custom);
    expect(input).toMatchObject({
      name: c.name, kind: c.kind, lifecycle: c.lifecycle, tier: 'gold', owner: '李娜', phones: c.phones,
      emails: ['a@b.cn'], tagIds: ['t-key'], custom: { region: 'international' }, address: null,
    });
  });

  test('a new customer starts as an individual prospect with one blank phone and email', () => {
    expect(toFormValues(undefined)).toMatchObject({ kind: 'individual', lifecycle: 'potential', phones: [''], emails: [''] });
  });
});
