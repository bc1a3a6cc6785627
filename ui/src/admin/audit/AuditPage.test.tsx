import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type AuditEntry, type AuditFilter } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ADMIN, FIELDS, ORG_UNITS, SALES_REP, TAGS } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { AuditPage } from './AuditPage';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  at: '2025-06-02T02:30:00Z', login: 'lina', kind: 'change', action: 'customer.update', entityId: 'c-1', changes: [],
  detail: null, ...e,
});

const FIRST_PAGE: AuditEntry[] = [
  entry({ changes: [{ field: 'tier', old: 'gold', new: 'diamond' }] }),
  entry({ login: 'admin', action: 'user.update', entityId: 'u-li', changes: [{ field: 'role', old: 'sales', new: 'manager' }, { field: 'unitId', old: 'o-sales', new: 'o-service' }] }),
  entry({ login: 'lina', kind: 'refused', action: 'territory.create', entityId: null, detail: 'only an administrator may do this' }),
  entry({ login: 'ghost', kind: 'sign_in_failed', action: 'sign_in', entityId: null, detail: 'unknown account' }),
];
const CURSOR = { changeBefore: 41, eventBefore: 7 };

const NO_FILTER: AuditFilter = { login: null, recordId: null, from: null, to: null, securityOnly: false };

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.userList.mockResolvedValue([ADMIN, SALES_REP]);
  mock.orgList.mockResolvedValue(ORG_UNITS);
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
  mock.auditList.mockResolvedValue({ entries: FIRST_PAGE, nextCursor: CURSOR });
});

describe('AuditPage', () => {
  test('shows who did what, the kind of entry and its changes or reason in words', async () => {
    renderWithProviders(<AuditPage />);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(4);
    expect(mock.auditList).toHaveBeenCalledWith(NO_FILTER, null, 50);

    expect(rows[0]).toHaveTextContent('李娜');
    expect(rows[0]).toHaveTextContent('变更');
    expect(rows[0]).toHaveTextContent('客户 · 修改');
    expect(rows[0]).toHaveTextContent('价值等级: 黄金 → 钻石');
    expect(rows[1]).toHaveTextContent('角色: 销售 → 经理');
    expect(rows[1]).toHaveTextContent('所属部门: 销售部 → 客服部');
    expect(rows[2]).toHaveTextContent('拒绝操作');
    expect(rows[2]).toHaveTextContent('区域 · 新建');
    expect(rows[2]).toHaveTextContent('only an administrator may do this');
    expect(rows[3]).toHaveTextContent('登录失败');
    expect(rows[3]).toHaveTextContent('ghost');
    expect(rows[3]).toHaveTextContent('unknown account');
  });

  test('loads the next, older page from where the last one stopped', async () => {
    const user = userEvent.setup();
    mock.auditList
      .mockResolvedValueOnce({ entries: FIRST_PAGE, nextCursor: CURSOR })
      .mockResolvedValueOnce({ entries: [entry({ action: 'customer.create', entityId: 'c-9' })], nextCursor: null });
    renderWithProviders(<AuditPage />);
    await screen.findAllByTestId('audit-row');

    await user.click(screen.getByTestId('audit-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(5));
    expect(mock.auditList).toHaveBeenLastCalledWith(NO_FILTER, CURSOR, 50);
    expect(screen.getAllByTestId('audit-row')[4]).toHaveTextContent('客户 · 新建');
    // The last page had no cursor: nothing more to load.
    expect(screen.queryByTestId('audit-load-more')).not.toBeInTheDocument();
  });

  test('filters by user, record, security events and days, each starting again from the newest', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AuditPage />);
    await screen.findAllByTestId('audit-row');

    await chooseOption(user, screen.getByTestId('audit-user'), '李娜 (lina)');
    await waitFor(() => expect(mock.auditList).toHaveBeenLastCalledWith({ ...NO_FILTER, login: 'lina' }, null, 50));

    await user.type(within(screen.getByTestId('audit-filters')).getByPlaceholderText('客户、用户、区域等的 ID'), ' c-1 {Enter}');
    await waitFor(() =>
      expect(mock.auditList).toHaveBeenLastCalledWith({ ...NO_FILTER, login: 'lina', recordId: 'c-1' }, null, 50),
    );

    await user.click(screen.getByTestId('audit-security-only'));
    await waitFor(() =>
      expect(mock.auditList).toHaveBeenLastCalledWith({ ...NO_FILTER, login: 'lina', recordId: 'c-1', securityOnly: true }, null, 50),
    );

    const dates = within(screen.getByTestId('audit-filters'));
    await user.click(dates.getByPlaceholderText('开始日期'));
    await user.keyboard('2025-06-01{Enter}');
    await user.keyboard('2025-06-30{Enter}');
    await waitFor(() =>
      expect(mock.auditList).toHaveBeenLastCalledWith(
        { login: 'lina', recordId: 'c-1', securityOnly: true, from: '2025-06-01', to: '2025-06-30' },
        null,
        50,
      ),
    );
  });
});
