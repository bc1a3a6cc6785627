import { describe, expect, test } from 'vitest';
import { parseAmount, splitList } from './convertModel';

describe('amounts are sent as integer minor units, converted on the digits', () => {
  test.each([
    ['12000.50', 1200050],
    ['12000.5', 1200050],
    ['12,000.50', 1200050],
    [' 7 ', 700],
    ['0.05', 5],
    ['19.99', 1999],
    ['1，234', 123400],
    ['', 0],
    ['1.', 100],
  ])('%j -> %d', (text, minor) => expect(parseAmount(text)).toBe(minor));

  test.each(['-3', '1.234', 'abc', '1e5', '12.3.4', '99999999999999999999'])('%j is not an amount', (text) =>
    expect(parseAmount(text)).toBeNull(),
  );
});

test('phones and emails are split on lines and commas, blanks dropped', () => {
  expect(splitList('138 0013 8000\n, 021-1234;  ')).toEqual(['138 0013 8000', '021-1234']);
});
