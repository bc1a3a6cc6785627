import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ADMIN, SALES_REP } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { PoolRulesPanel } from './PoolRulesPanel';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;
const RULES = { returnAfterDays: 7, reclaimWaitDays: 3, dailyClaimLimit: 20, openLeadLimit: 0 };

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.poolRulesGet.mockResolvedValue(RULES);
});

describe('PoolRulesPanel', () => {
  test('others read the rules with their explanations but cannot change them', async () => {
    renderWithProviders(<PoolRulesPanel />, { user: SALES_REP });
    expect(await screen.findByTestId('pool-returnAfterDays')).toHaveValue('7');
    expect(screen.getByTestId('pool-returnAfterDays')).toBeDisabled();
    expect(screen.getByTestId('pool-openLeadLimit')).toBeDisabled();
    expect(screen.getByText('只有管理员可以修改线索池规则。')).toBeInTheDocument();
    expect(screen.getByText(/连续这么多天没有跟进/)).toBeInTheDocument();
    // Zero turns a rule off, and says so.
    expect(screen.getByText('已关闭')).toBeInTheDocument();
    expect(screen.queryByTestId('pool-rules-save')).toBeNull();
  });

  test('the administrator changes them', async () => {
    const user = userEvent.setup();
    mock.poolRulesSet.mockImplementation((rules) => Promise.resolve(rules));
    renderWithProviders(<PoolRulesPanel />, { user: ADMIN });
    const limit = await screen.findByTestId('pool-dailyClaimLimit');
    expect(limit).toBeEnabled();
    await user.clear(limit);
    await user.type(limit, '30');
    await user.click(screen.getByTestId('pool-rules-save'));
    await waitFor(() => expect(mock.poolRulesSet).toHaveBeenCalledWith({ ...RULES, dailyClaimLimit: 30 }));
    expect(await screen.findByText('已保存线索池规则')).toBeInTheDocument();
  });
});
