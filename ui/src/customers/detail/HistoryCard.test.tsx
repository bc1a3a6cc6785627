import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type HistoryEntry } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { FIELDS, TAGS } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { HistoryCard } from './HistoryCard';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const entry = (seq: number, e: Partial<HistoryEntry>): HistoryEntry => ({
  seq, at: '2025-06-02T02:30:00Z', actor: '王强', entity: 'customer', entityId: 'c-1', label: null, op: 'update',
  changes: [], ...e,
});

const HISTORY: HistoryEntry[] = [
  entry(9, {
    changes: [
      { field: 'tagIds', old: ['t-key'], new: ['t-key', 't-loyal'] },
      { field: 'tier', old: 'gold', new: 'diamond' },
      { field: 'lifecycle', old: 'potential', new: 'vip' },
      { field: 'custom.region', old: null, new: 'international' },
      { field: 'owner', old: '李娜', new: null },
    ],
  }),
  entry(8, { entity: 'contact', entityId: 'p-1', label: '刘经理', op: 'update', changes: [{ field: 'title', old: '采购', new: '采购总监' }] }),
  entry(7, { entity: 'activity', entityId: 'a-1', label: '电话回访', op: 'create' }),
  entry(6, { op: 'create' }),
];

beforeEach(() => {
  vi.clearAllMocks();
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
  mock.customerHistory.mockResolvedValue(HISTORY);
});

describe('HistoryCard', () => {
  test('shows each change as "field: old → new" in words the user knows', async () => {
    await applyLanguage('zh-CN');
    renderWithProviders(<HistoryCard customerId="c-1" />);
    const items = await screen.findAllByTestId('history-item');
    expect(items).toHaveLength(4);
    expect(mock.customerHistory).toHaveBeenCalledWith('c-1', null, 30);

    const update = within(items[0]);
    expect(items[0]).toHaveTextContent('王强');
    expect(items[0]).toHaveTextContent('修改');
    expect(update.getByText('标签').closest('li')).toHaveTextContent('标签: 重点跟进 → 重点跟进、老客户');
    expect(update.getByText('价值等级').closest('li')).toHaveTextContent('价值等级: 黄金 → 钻石');
    expect(update.getByText('客户阶段').closest('li')).toHaveTextContent('客户阶段: 潜在客户 → VIP');
    expect(update.getByText('地区类型').closest('li')).toHaveTextContent('地区类型: （空） → 国际');
    expect(update.getByText('负责人').closest('li')).toHaveTextContent('负责人: 李娜 → （空）');

    expect(items[1]).toHaveTextContent('联系人 刘经理');
    expect(items[1]).toHaveTextContent('职务: 采购 → 采购总监');
    expect(items[2]).toHaveTextContent('活动 电话回访');
    expect(items[3]).toHaveTextContent('已创建');
  });

  test('follows the language', async () => {
    await applyLanguage('en');
    renderWithProviders(<HistoryCard customerId="c-1" />);
    const items = await screen.findAllByTestId('history-item');
    expect(items[0]).toHaveTextContent('Tier: Gold → Diamond');
    expect(items[0]).toHaveTextContent('Region type: (empty) → International');
    expect(items[1]).toHaveTextContent('Contact 刘经理');
    expect(items[3]).toHaveTextContent('Created');
  });

  test('loads older entries below the oldest one shown', async () => {
    const user = userEvent.setup();
    await applyLanguage('zh-CN');
    const page = Array.from({ length: 30 }, (_, i) => entry(100 - i, { changes: [{ field: 'notes', old: null, new: `n${i}` }] }));
    mock.customerHistory.mockResolvedValueOnce(page).mockResolvedValueOnce([entry(5, { op: 'create' })]);
    renderWithProviders(<HistoryCard customerId="c-1" />);
    expect(await screen.findAllByTestId('history-item')).toHaveLength(30);
    await user.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findAllByTestId('history-item')).toHaveLength(31);
    expect(mock.customerHistory).toHaveBeenLastCalledWith('c-1', 71, 30);
  });
});
