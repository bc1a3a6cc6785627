import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../../ipc/client';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { SEGMENTS, type OrdersIpcMock } from '../../orders/orderFixtures';
import { CustomerSegmentsCard } from './CustomerSegmentsCard';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createOrdersIpcMock } = await import('../../orders/orderFixtures');
  return { ...actual, ipc: createOrdersIpcMock() };
});
const mock = ipc as unknown as OrdersIpcMock;

const open = () => renderWithProviders(<CustomerSegmentsCard customerId="c-1" />);

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
});

describe('the segments a customer is in', () => {
  test('each segment is a link to its page, with its kind', async () => {
    const user = userEvent.setup();
    mock.customerSegments.mockResolvedValue(SEGMENTS);
    open();
    const tags = await screen.findAllByTestId('customer-segment');
    expect(mock.customerSegments).toHaveBeenCalledWith('c-1');
    expect(tags.map((t) => t.textContent)).toEqual(['高价值客户', '黑名单', '一季度活动名单']);
    expect(screen.getByRole('link', { name: '高价值客户 · 动态分组' })).toHaveAttribute('href', '/segments/seg-vip');
    expect(screen.getByRole('link', { name: '黑名单 · 固定分组' })).toHaveAttribute('href', '/segments/seg-black');
    expect(screen.getByRole('link', { name: '一季度活动名单 · 快照分组' })).toHaveAttribute('href', '/segments/seg-q1');
    expect(screen.getByTestId('customer-segments')).toHaveTextContent('所属分组 (3)');

    await user.hover(within(tags[1]).getByRole('link'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('固定分组');

    await user.click(within(tags[0]).getByRole('link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/segments/seg-vip');
  });

  test('names the kinds in English too', async () => {
    await applyLanguage('en');
    mock.customerSegments.mockResolvedValue(SEGMENTS);
    open();
    await screen.findAllByTestId('customer-segment');
    expect(screen.getByRole('link', { name: '高价值客户 · Dynamic' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '黑名单 · Fixed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '一季度活动名单 · Snapshot' })).toBeInTheDocument();
  });

  test('says so when the customer is in no segment', async () => {
    mock.customerSegments.mockResolvedValue([]);
    open();
    expect(await screen.findByTestId('customer-segments-empty')).toHaveTextContent('不在任何分组中');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
