import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { CustomerRfmCard } from './CustomerRfmCard';
import { RFM_FIELDS, customerRfm, type RfmIpcMock } from './rfmFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createRfmIpcMock } = await import('./rfmFixtures');
  return { ...actual, ipc: createRfmIpcMock() };
});
const mock = ipc as unknown as RfmIpcMock;

/** How many of a score's five pips are lit. */
const lit = (testId: string) => screen.getByTestId(testId).querySelectorAll('.rfm-pip.on').length;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(RFM_FIELDS);
});

describe('the customer’s value assessment card', () => {
  test('shows the R, F and M scores, what they stand for, the tier and the value level', async () => {
    mock.customerRfm.mockResolvedValue(customerRfm());
    renderWithProviders(<CustomerRfmCard customerId="c-1" />);
    expect(await screen.findByTestId('customer-rfm-r')).toHaveTextContent('R4');
    expect(mock.customerRfm).toHaveBeenCalledWith('c-1');
    expect(screen.getByTestId('customer-rfm-f')).toHaveTextContent('F3');
    expect(screen.getByTestId('customer-rfm-m')).toHaveTextContent('M5');
    expect([lit('customer-rfm-r'), lit('customer-rfm-f'), lit('customer-rfm-m')]).toEqual([4, 3, 5]);
    expect(screen.getByTestId('customer-rfm-r')).toHaveAttribute('aria-label', '最近得分 4 / 5');

    expect(screen.getByTestId('customer-rfm-recency')).toHaveTextContent('评估日前 12 天');
    expect(screen.getByTestId('customer-rfm-frequency')).toHaveTextContent('3 单');
    expect(screen.getByTestId('customer-rfm-monetary')).toHaveTextContent('¥12,500.50');
    await waitFor(() => expect(screen.getByTestId('customer-rfm-tier')).toHaveTextContent('金卡'));
    expect(within(screen.getByTestId('customer-rfm')).getByTestId('rfm-level-tag')).toHaveTextContent('高价值');
  });

  test('says "never bought" for a customer without counted orders', async () => {
    mock.customerRfm.mockResolvedValue(
      customerRfm({ recencyDays: null, frequency: 0, monetary: 0, r: 1, f: 1, m: 1, tier: 'normal', valueLevel: 'low' }),
    );
    renderWithProviders(<CustomerRfmCard customerId="c-1" />);
    expect(await screen.findByTestId('customer-rfm-recency')).toHaveTextContent('从未购买');
    expect(screen.getByTestId('customer-rfm-frequency')).toHaveTextContent('0 单');
    expect(screen.getByTestId('customer-rfm-monetary')).toHaveTextContent('¥0.00');
    expect(lit('customer-rfm-r')).toBe(1);
    await waitFor(() => expect(screen.getByTestId('customer-rfm-tier')).toHaveTextContent('普通'));
    expect(screen.getByTestId('rfm-level-tag')).toHaveTextContent('低价值');
  });

  test('hints at the recompute before the customer is assessed', async () => {
    mock.customerRfm.mockResolvedValue(null);
    renderWithProviders(<CustomerRfmCard customerId="c-9" />);
    expect(await screen.findByTestId('customer-rfm-none')).toHaveTextContent('尚未评估');
    expect(screen.queryByTestId('customer-rfm-r')).not.toBeInTheDocument();
  });

  test('shows why the assessment could not be read', async () => {
    mock.customerRfm.mockRejectedValue(new Error('customer c-1 is outside your territories'));
    renderWithProviders(<CustomerRfmCard customerId="c-1" />);
    expect(await screen.findByText('customer c-1 is outside your territories')).toBeInTheDocument();
  });

  test('speaks English', async () => {
    await applyLanguage('en');
    mock.customerRfm.mockResolvedValue(customerRfm({ recencyDays: 1, frequency: 1 }));
    renderWithProviders(<CustomerRfmCard customerId="c-1" />);
    expect(await screen.findByTestId('customer-rfm-recency')).toHaveTextContent('1 day before the as-of day');
    expect(screen.getByTestId('customer-rfm-frequency')).toHaveTextContent('1 order');
    expect(screen.getByTestId('customer-rfm-monetary')).toHaveTextContent('¥12,500.50');
    await waitFor(() => expect(screen.getByTestId('customer-rfm-tier')).toHaveTextContent('Gold'));
    expect(screen.getByTestId('rfm-level-tag')).toHaveTextContent('High value');
    expect(screen.getByTestId('customer-rfm')).toHaveTextContent('Value (RFM)');

    mock.customerRfm.mockResolvedValue(customerRfm({ recencyDays: null }));
    renderWithProviders(<CustomerRfmCard customerId="c-2" />);
    expect(await screen.findByText('never bought')).toBeInTheDocument();
  });
});
