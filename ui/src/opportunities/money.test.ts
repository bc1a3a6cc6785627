import { describe, expect, test } from 'vitest';
import dayjs from 'dayjs';
import { amountText, formatAmount, formatCompactAmount, lineItemsTotal, parseAmount, MAX_AMOUNT } from './money';
import { itemsTotal, toOpportunityInput, type OpportunityFormValues } from './form/opportunityFormModel';

describe('parseAmount', () => {
  test('reads grouped and plain decimals into exact minor units', () => {
    expect(parseAmount('12,000.50')).toBe(1200050);
    expect(parseAmount('12000.5')).toBe(1200050);
    expect(parseAmount(' 7 ')).toBe(700);
    expect(parseAmount('0.07')).toBe(7);
    expect(parseAmount('1 234 567.89')).toBe(123456789);
    expect(parseAmount('10000000000000')).toBe(MAX_AMOUNT);
  });

  test('adds decimals without float drift', () => {
    // As floats 0.1 + 0.2 is 0.30000000000000004; in minor units it is exactly 30.
    const sum = (parseAmount('0.1') ?? NaN) + (parseAmount('0.2') ?? NaN);
    expect(sum).toBe(30);
    expect(amountText(sum)).toBe('0.30');
    expect(parseAmount('1.15')).toBe(115);
    expect(parseAmount('4.35')).toBe(435);
    expect(parseAmount('1234567890123.99')).toBe(123456789012399);
  });

  test('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '-3', '1.234', '1e5', '1.2.3', '.5', '10000000000000.01', '99999999999999999999']) {
      expect(parseAmount(bad), bad).toBeNull();
    }
  });
});

describe('formatting', () => {
  test('minor units become the currency in the language', () => {
    expect(formatAmount(1200050, 'CNY', 'zh-CN')).toBe('¥12,000.50');
    expect(formatAmount(1200050, 'CNY', 'en')).toBe('¥12,000.50');
    expect(formatAmount(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatAmount(5, 'CNY', 'zh-CN')).toBe('¥0.05');
    // Even the largest amount keeps its last cent.
    expect(formatAmount(123456789012399, 'CNY', 'zh-CN')).toBe('¥1,234,567,890,123.99');
    expect(amountText(1200050)).toBe('12000.50');
  });

  test('compact amounts for charts follow the language', () => {
    expect(formatCompactAmount(1_200_000_00, 'CNY', 'zh-CN')).toBe('¥120万');
    expect(formatCompactAmount(1_200_000_00, 'CNY', 'en')).toBe('¥1.2M');
  });
});

describe('line items', () => {
  test('the total is quantity × unit price summed in minor units', () => {
    expect(lineItemsTotal([{ quantity: 3, unitPrice: 10 }, { quantity: 2, unitPrice: 1200050 }])).toBe(2400130);
    expect(lineItemsTotal([{ quantity: 1_000_000, unitPrice: MAX_AMOUNT }])).toBeNull();
  });

  test('the form sends items in minor units and their exact sum as the amount', () => {
    const values: OpportunityFormValues = {
      customerId: 'c-1', name: ' 服务器采购 ', contactId: null, stageId: 'stage-needs', currency: 'CNY', pricing: 'items',
      amount: '', expectedClose: dayjs('2026-06-30'), probability: 40, lostReason: 'ignored', notes: '  ',
      items: [
        { product: '服务器', quantity: 3, unitPrice: '0.1' },
        { product: '安装服务', quantity: 1, unitPrice: '12,000.50' },
        // An untouched row is not an item.
        { product: '', quantity: 1, unitPrice: '' },
      ],
    };
    expect(itemsTotal(values.items)).toBe(1200080);
    expect(toOpportunityInput(values, 'open')).toEqual({
      name: '服务器采购', customerId: 'c-1', contactId: null, stageId: 'stage-needs', amount: 1200080, currency: 'CNY',
      probability: 40, expectedClose: '2026-06-30', owner: null, lostReason: null, notes: null,
      items: [
        { product: '服务器', quantity: 3, unitPrice: 10 },
        { product: '安装服务', quantity: 1, unitPrice: 1200050 },
      ],
    });
  });

  test('a typed amount is sent as minor units; won and lost take no probability override', () => {
    const values: OpportunityFormValues = {
      customerId: 'c-1', name: '续约', contactId: null, stageId: 'stage-lost', currency: 'USD', pricing: 'amount',
      amount: '8,800.08', items: [], expectedClose: null, probability: 40, lostReason: ' 预算取消 ', notes: '',
    };
    expect(toOpportunityInput(values, 'lost')).toMatchObject({ amount: 880008, probability: null, lostReason: '预算取消', items: [] });
  });
});
