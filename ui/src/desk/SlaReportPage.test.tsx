import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { ipc, type SlaReport } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { AGENTS, figures } from './deskFixtures';
import { SlaReportPage } from './SlaReportPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createDeskIpcMock } = await import('./deskFixtures');
  return { ...actual, ipc: createDeskIpcMock() };
});
const mock = ipc as unknown as IpcMock;

/** 12 tickets: 9 first answers met and 1 late, 6 resolved in time and 2 late, 5 ratings averaging 4.2. */
const REPORT: SlaReport = {
  total: figures('all', {
    tickets: 12, open: 4, firstResponseMet: 9, firstResponseBreached: 1, resolutionMet: 6, resolutionBreached: 2,
    meanFirstResponseMinutes: 42, meanResolutionMinutes: 330, rated: 5, meanRatingX100: 420, ratingCounts: [0, 1, 0, 1, 3],
  }),
  byPriority: [
    figures('urgent', { tickets: 2, open: 1, firstResponseMet: 1, firstResponseBreached: 1, resolutionBreached: 1, meanFirstResponseMinutes: 75 }),
    figures('normal', { tickets: 10, open: 3, firstResponseMet: 8, resolutionMet: 6, resolutionBreached: 1, meanResolutionMinutes: 330, rated: 5, meanRatingX100: 420, ratingCounts: [0, 1, 0, 1, 3] }),
  ],
  byAgent: [
    figures('', { tickets: 1, open: 1 }),
    figures('sunhao', { tickets: 4, firstResponseMet: 4, resolutionMet: 4, meanResolutionMinutes: 60 }),
    figures('zhouqian', { tickets: 7, open: 3, firstResponseMet: 5, firstResponseBreached: 1, resolutionMet: 2, resolutionBreached: 2 }),
  ],
};

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.slaReport.mockResolvedValue(REPORT);
  mock.agentList.mockResolvedValue(AGENTS);
});

describe('the SLA report', () => {
  test('asks for the last 30 days and shows the KPI tiles', async () => {
    renderWithProviders(<SlaReportPage />);
    expect(await screen.findByTestId('sla-kpi-tickets-value')).toHaveTextContent('12');
    const today = dayjs();
    expect(mock.slaReport).toHaveBeenCalledWith({
      from: today.subtract(29, 'day').format('YYYY-MM-DD'),
      to: today.format('YYYY-MM-DD'),
    });
    expect(screen.getByTestId('sla-kpi-tickets')).toHaveTextContent('其中 4 张未结');
    // Met rates over the decided clocks: 9 of 10, 6 of 8.
    expect(screen.getByTestId('sla-kpi-first-response-value')).toHaveTextContent('90%');
    expect(screen.getByTestId('sla-kpi-first-response')).toHaveTextContent('达标 9 · 超时 1');
    expect(screen.getByTestId('sla-kpi-resolution-value')).toHaveTextContent('75%');
    expect(screen.getByTestId('sla-kpi-resolution')).toHaveTextContent('达标 6 · 超时 2');
    expect(screen.getByTestId('sla-kpi-mean-first-response-value')).toHaveTextContent('42 分钟');
    expect(screen.getByTestId('sla-kpi-mean-resolution-value')).toHaveTextContent('5 小时 30 分');
    expect(screen.getByTestId('sla-kpi-satisfaction-value')).toHaveTextContent('4.2');
    expect(screen.getByTestId('sla-kpi-satisfaction')).toHaveTextContent('5 条评价');
  });

  test('tables by priority and by agent, with names and the total', async () => {
    renderWithProviders(<SlaReportPage />);
    const priorities = await screen.findAllByTestId('sla-by-priority-row');
    expect(priorities).toHaveLength(2);
    expect(priorities[0]).toHaveTextContent('紧急');
    expect(priorities[0]).toHaveTextContent('50%');
    expect(priorities[0]).toHaveTextContent('1 小时 15 分');
    expect(priorities[1]).toHaveTextContent('普通');
    // The total row closes the table.
    expect(within(screen.getByTestId('sla-by-priority')).getByText('合计')).toBeInTheDocument();

    const agents = screen.getAllByTestId('sla-by-agent-row');
    expect(agents[0]).toHaveTextContent('未分配');
    // Sign-in names match whatever their case.
    await waitFor(() => expect(agents[1]).toHaveTextContent('孙浩'));
    expect(agents[1]).toHaveTextContent('100%');
    expect(agents[2]).toHaveTextContent('周倩');
    expect(agents[2]).toHaveTextContent('达标 2 · 超时 2');
  });

  test('the rating distribution, five stars first', async () => {
    renderWithProviders(<SlaReportPage />);
    await screen.findByTestId('rating-distribution');
    expect(screen.getByTestId('rating-5-count')).toHaveTextContent('3');
    expect(screen.getByTestId('rating-4-count')).toHaveTextContent('1');
    expect(screen.getByTestId('rating-1-count')).toHaveTextContent('0');
    expect(screen.getByTestId('rating-5')).toHaveTextContent('60%');
  });

  test('a period without tickets', async () => {
    mock.slaReport.mockResolvedValue({ total: figures('all'), byPriority: [], byAgent: [] });
    renderWithProviders(<SlaReportPage />);
    expect(await screen.findByTestId('sla-kpi-tickets-value')).toHaveTextContent('0');
    expect(screen.getByTestId('sla-kpi-first-response-value')).toHaveTextContent('—');
    expect(screen.getByText('这段时间还没有客户评价')).toBeInTheDocument();
    expect(screen.getAllByText('这段时间没有工单')).toHaveLength(2);
  });

  test('in English', async () => {
    await applyLanguage('en');
    renderWithProviders(<SlaReportPage />);
    expect(await screen.findByTestId('sla-kpi-mean-resolution-value')).toHaveTextContent('5 h 30 min');
    expect(screen.getByTestId('sla-kpi-satisfaction')).toHaveTextContent('5 ratings');
    expect(screen.getByText('By agent')).toBeInTheDocument();
  });
});
