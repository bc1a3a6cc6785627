import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { FunnelPage } from './FunnelPage';
import { FUNNEL } from './opportunityFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

/** Opens the Select and clicks the option (whose value may equal its label, unlike chooseOption's case). */
async function choose(user: ReturnType<typeof userEvent.setup>, select: HTMLElement, label: string) {
  await user.click(within(select).getByRole('combobox'));
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.textContent === label);
    if (!found) throw new Error(`no option ${label}`);
    return found;
  });
  await user.click(option);
}

const rows = (chart: string) => within(screen.getByTestId(chart)).getAllByTestId('forecast-row');

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.funnelReport.mockResolvedValue(FUNNEL);
});

describe('the funnel page', () => {
  test('draws the open stages with the share that went on to the next', async () => {
    renderWithProviders(<FunnelPage />);
    const initial = await screen.findByTestId('funnel-stage-initial');
    expect(initial).toHaveTextContent('初步沟通');
    expect(initial).toHaveTextContent('16');
    expect(initial).toHaveTextContent('当前 6 个');
    expect(screen.getByTestId('funnel-conversion-initial')).toHaveTextContent('转化 62.5%');
    expect(screen.getByTestId('funnel-conversion-needs')).toHaveTextContent('转化 60%');
    expect(screen.getByTestId('funnel-conversion-proposal')).toHaveTextContent('转化 50%');
    // The last open stage leads into won.
    expect(screen.getByTestId('funnel-conversion-negotiation')).toHaveTextContent('转化 100%');
    expect(screen.getByTestId('funnel-stage-won')).toHaveTextContent('赢单');
    expect(screen.queryByTestId('funnel-stage-lost')).not.toBeInTheDocument();
    // Each bar is as wide as the opportunities that reached its stage.
    const width = (key: string) => within(screen.getByTestId(`funnel-stage-${key}`)).getByText(/^\d+$/).parentElement!.style.width;
    expect(width('initial')).toBe('100%');
    expect(width('needs')).toBe('62.5%');
  });

  test('shows the KPIs and the forecast by month, owner and territory', async () => {
    renderWithProviders(<FunnelPage />);
    await screen.findByTestId('funnel-chart');
    expect(screen.getByTestId('kpi-open')).toHaveTextContent('¥190,000.00');
    expect(screen.getByTestId('kpi-open')).toHaveTextContent('12 个商机');
    expect(screen.getByTestId('kpi-weighted')).toHaveTextContent('¥55,000.00');
    expect(screen.getByTestId('kpi-won')).toHaveTextContent('¥90,000.00');
    expect(screen.getByTestId('kpi-win-rate')).toHaveTextContent('60%');

    const months = rows('funnel-forecast-month');
    expect(months.map((r) => r.dataset.key)).toEqual(['2026-03', '2026-04', '']);
    expect(months[0]).toHaveTextContent('2026年3月');
    expect(months[0]).toHaveTextContent('¥3万');
    expect(months[2]).toHaveTextContent('未定日期');

    const owners = rows('funnel-forecast-owner');
    expect(owners.map((r) => r.textContent)).toEqual([expect.stringContaining('李娜'), expect.stringContaining('王强')]);
    expect(owners[0]).toHaveTextContent('¥12万');
    expect(owners[0]).toHaveTextContent('¥3.5万');

    const territories = rows('funnel-forecast-territory');
    expect(territories[0]).toHaveTextContent('华南区');
    expect(territories[1]).toHaveTextContent('未分配区域');
  });

  test('filters by currency and owner', async () => {
    const user = userEvent.setup();
    renderWithProviders(<FunnelPage />);
    await screen.findByTestId('funnel-chart');
    expect(mock.funnelReport).toHaveBeenCalledWith({ from: null, to: null, currency: null, owner: null });

    await choose(user, screen.getByTestId('funnel-currency'), 'USD');
    await waitFor(() => expect(mock.funnelReport).toHaveBeenCalledWith({ from: null, to: null, currency: 'USD', owner: null }));
    await choose(user, screen.getByTestId('funnel-owner'), '李娜');
    await waitFor(() => expect(mock.funnelReport).toHaveBeenCalledWith({ from: null, to: null, currency: 'USD', owner: 'lina' }));
  });

  test('speaks English', async () => {
    await applyLanguage('en');
    renderWithProviders(<FunnelPage />);
    expect(await screen.findByTestId('funnel-conversion-initial')).toHaveTextContent('62.5% move on');
    expect(rows('funnel-forecast-month')[0]).toHaveTextContent('Mar 2026');
    expect(rows('funnel-forecast-territory')[1]).toHaveTextContent('Unassigned territory');
  });
});
