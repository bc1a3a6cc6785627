import { describe, expect, test } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { applyDataChanged } from './useDataChangedRefresh';
import { queryKeys } from './queryKeys';

function clientWithQueries() {
  const client = new QueryClient();
  const keys = {
    fields: queryKeys.fields,
    tags: queryKeys.tags,
    count: queryKeys.customerCount({}),
    record1: queryKeys.customerRecord('c-1'),
    record2: queryKeys.customerRecord('c-2'),
    activities1: queryKeys.activities('c-1'),
    activities2: queryKeys.activities('c-2'),
    history1: queryKeys.history('c-1'),
    contacts1: queryKeys.contacts('c-1'),
    search: queryKeys.search('zhang'),
  };
  for (const key of Object.values(keys)) client.setQueryData(key, 'data');
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { client, stale };
}

describe('applyDataChanged', () => {
  test('a customer change refreshes the list, that customer and search, not other customers', () => {
    const { client, stale } = clientWithQueries();
    applyDataChanged(client, { entity: 'customer', ids: ['c-1'] });
    expect(stale()).toEqual(['count', 'history1', 'record1', 'search']);
  });

  test('an activity refreshes that customer\'s timeline and history only', () => {
    const { client, stale } = clientWithQueries();
    applyDataChanged(client, { entity: 'activity', ids: ['c-1'] });
    expect(stale()).toEqual(['activities1', 'history1']);
  });

  test('a contact deleted without ids refreshes every open contact list', () => {
    const { client, stale } = clientWithQueries();
    applyDataChanged(client, { entity: 'contact', ids: [] });
    expect(stale()).toEqual(['contacts1', 'history1', 'search']);
  });

  test('a tag or dimension change refreshes the catalogue and everything showing it', () => {
    const { client, stale } = clientWithQueries();
    applyDataChanged(client, { entity: 'tag', ids: ['t-1'] });
    expect(stale()).toEqual(['activities1', 'activities2', 'contacts1', 'count', 'history1', 'record1', 'record2', 'tags']);
  });

  test('an order refreshes every open customer\'s orders and segments, nothing else', () => {
    const client = new QueryClient();
    const keys = {
      orders1: queryKeys.customerOrders('c-1', 10),
      orders2: queryKeys.customerOrders('c-2', 30),
      segments1: queryKeys.customerSegments('c-1'),
      record1: queryKeys.customerRecord('c-1'),
      sales1: queryKeys.customerSales('c-1'),
    };
    for (const key of Object.values(keys)) client.setQueryData(key, 'data');
    applyDataChanged(client, { entity: 'order', ids: ['ord-1'] });
    const stale = Object.entries(keys)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
    expect(stale).toEqual(['orders1', 'orders2', 'segments1']);
  });

  test('a customer change refreshes the segments that customer is in', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.customerSegments('c-1'), 'data');
    client.setQueryData(queryKeys.customerSegments('c-2'), 'data');
    applyDataChanged(client, { entity: 'customer', ids: ['c-1'] });
    expect(client.getQueryState(queryKeys.customerSegments('c-1'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.customerSegments('c-2'))?.isInvalidated).toBe(false);
  });

  test('a segment change refreshes the segment screens and which segments customers are in; customer data refreshes counts', () => {
    const client = new QueryClient();
    const keys = {
      list: queryKeys.segmentList,
      count: queryKeys.segmentCount('seg-1'),
      members: queryKeys.segmentMembers('seg-1'),
      explain: queryKeys.segmentExplain('seg-1', 'c-1'),
      customerSegments: queryKeys.customerSegments('c-1'),
      record1: queryKeys.customerRecord('c-1'),
    };
    const stale = () =>
      Object.entries(keys)
        .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
        .map(([name]) => name)
        .sort();
    for (const key of Object.values(keys)) client.setQueryData(key, 'data');
    applyDataChanged(client, { entity: 'segment', ids: ['seg-1'] });
    expect(stale()).toEqual(['count', 'customerSegments', 'explain', 'list', 'members']);

    for (const key of Object.values(keys)) client.setQueryData(key, 'data');
    applyDataChanged(client, { entity: 'tag', ids: ['t-1'] });
    expect(stale()).toEqual(expect.arrayContaining(['count', 'explain', 'list', 'members']));
  });

  test('a campaign change refreshes the campaign screens and every customer\'s campaigns; an unsubscription that customer\'s', () => {
    const client = new QueryClient();
    const keys = {
      list: queryKeys.campaignList,
      one: queryKeys.campaign('k-1'),
      results: queryKeys.campaignResults('k-1'),
      recipients: queryKeys.campaignRecipients('k-1', null),
      campaigns1: queryKeys.customerCampaigns('c-1'),
      campaigns2: queryKeys.customerCampaigns('c-2'),
      record1: queryKeys.customerRecord('c-1'),
      segments: queryKeys.segmentList,
      smtp: queryKeys.smtpSettings,
    };
    const stale = () =>
      Object.entries(keys)
        .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
        .map(([name]) => name)
        .sort();
    for (const key of Object.values(keys)) client.setQueryData(key, 'data');
    applyDataChanged(client, { entity: 'campaign', ids: ['k-1'] });
    expect(stale()).toEqual(['campaigns1', 'campaigns2', 'list', 'one', 'recipients', 'results']);

    for (const key of Object.values(keys)) client.setQueryData(key, 'data');
    applyDataChanged(client, { entity: 'customer', ids: ['c-1'] });
    expect(stale()).toEqual(['campaigns1', 'list', 'one', 'recipients', 'record1', 'results', 'segments']);
  });

  test('an unknown entity refreshes everything', () => {
    const { client, stale } = clientWithQueries();
    applyDataChanged(client, { entity: 'import', ids: [] });
    expect(stale()).toHaveLength(10);
  });
});
