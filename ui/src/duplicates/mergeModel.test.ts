import { describe, expect, test } from 'vitest';
import { customer } from '../test/fixtures';
import { mergeFields, mergeRequest, needsChoice, selectedFor, unionOf } from './mergeModel';

const a = customer({ id: 'a', name: '张三', city: '深圳', address: null, website: null, custom: { budget: 1 } });
const b = customer({ id: 'b', name: '张三', city: '深圳', address: '南山区科技园', website: 'zs.cn', custom: { region: 'x', budget: 2 } });
const c = customer({ id: 'c', name: '章三', city: null, province: null, website: 'zhang.cn', custom: {} });

describe('the merge model', () => {
  test('custom rows follow the dimensions’ order, unknown keys last', () => {
    expect(mergeFields([a, b, c], ['region', 'budget']).slice(-2)).toEqual(['custom.region', 'custom.budget']);
    expect(mergeFields([a, b], []).slice(-2)).toEqual(['custom.budget', 'custom.region']);
  });

  test('a location is compared and taken whole: the same city with another address differs', () => {
    expect(needsChoice('location', [a, b])).toBe(true);
    expect(needsChoice('name', [a, b])).toBe(false);
  });

  test('an empty survivor field takes the first other included customer’s value, as the core does', () => {
    const choices = { survivorId: 'a', included: [a, c, b], chosen: {} };
    expect(selectedFor('website', choices)).toBe('c');
    expect(selectedFor('name', choices)).toBe('a');
    expect(selectedFor('custom.region', choices)).toBe('b');
  });

  test('a pick of someone left out no longer counts', () => {
    expect(selectedFor('name', { survivorId: 'a', included: [a, b], chosen: { name: 'c' } })).toBe('a');
  });

  test('the request names the others in order and picks only rows that come from someone else', () => {
    const fields = mergeFields([a, b, c], ['budget', 'region']);
    const request = mergeRequest(fields, { survivorId: 'b', included: [a, b, c], chosen: { name: 'c', 'custom.budget': 'b' } });
    expect(request).toEqual({ survivorId: 'b', mergedIds: ['a', 'c'], picks: { name: 'c' } });
  });

  test('phones are listed once each, in the order met', () => {
    const x = customer({ phones: ['138', '139 '] });
    const y = customer({ phones: ['139', '137'] });
    expect(unionOf([x, y], (m) => m.phones)).toEqual(['138', '139 ', '137']);
  });
});
