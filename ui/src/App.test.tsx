import { beforeEach, describe, expect, test, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type CustomerListRow } from './ipc/client';
import type { IpcMock } from './test/ipcMock';
import { ADMIN, FIELDS, SALES_REP, TAGS } from './test/fixtures';
import { App, createQueryClient } from './App';
import i18n from './i18n';

vi.mock('./ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ipc/client')>();
  const { createIpcMock } = await import('./test/ipcMock');
  return { ...actual, ipc: createIpcMock(), onDataChanged: vi.fn(() => Promise.resolve(() => {})) };
});
const mock = ipc as unknown as IpcMock;

const row: CustomerListRow = {
  id: 'c-1', name: '张伟', kind: 'enterprise', lifecycle: 'vip', tier: 'gold', industry: null, size: null, source: null,
  owner: '李娜', company: '华为技术有限公司', country: null, province: null, city: '深圳', phone: '13800000000',
  email: null, tagIds: ['t-key'], custom: { region: 'domestic' }, createdAt: '2025-06-01T00:00:00Z',
  updatedAt: '2025-06-02T00:00:00Z', deletedAt: null,
};

function setLanguageOfSystem(language: string) {
  vi.spyOn(window.navigator, 'language', 'get').mockReturnValue(language);
}

beforeEach(() => {
  vi.clearAllMocks();
  window.location.hash = '#/customers';
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
  mock.customerList.mockResolvedValue({ rows: [row], nextCursor: null });
  mock.customerCount.mockResolvedValue(12345);
  mock.settingsSetLanguage.mockResolvedValue(null);
  mock.authStatus.mockResolvedValue({ needsSetup: false, user: ADMIN });
});

const info = (language: 'zh-CN' | 'en' | null) => ({ version: '0.1.0', dbPath: '/tmp/kehu.db', language });

describe('App', () => {
  test('starts in the system language when none is saved, and switching relabels at once', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info(null));
    const user = userEvent.setup();
    render(<App queryClient={createQueryClient()} />);

    expect(await screen.findByTestId('nav-customers')).toHaveTextContent('客户');
    expect(await screen.findByTestId('customer-count')).toHaveTextContent('共 12,345 位客户');
    expect(screen.getByTestId('current-user-name')).toHaveTextContent('王管理');
    expect(screen.getByTestId('user-menu')).toHaveTextContent('管理员');
    expect(screen.getByTestId('new-customer')).toHaveTextContent('新建客户');

    await user.click(screen.getByTestId('language-switch'));
    expect(screen.getByTestId('nav-customers')).toHaveTextContent('Customers');
    expect(screen.getByTestId('nav-settings')).toHaveTextContent('Settings');
    expect(screen.getByTestId('new-customer')).toHaveTextContent('New customer');
    expect(screen.getByTestId('customer-count')).toHaveTextContent('12,345 customers');
    expect(mock.settingsSetLanguage).toHaveBeenCalledWith('en');
    expect(i18n.language).toBe('en');

    await user.click(screen.getByTestId('language-switch'));
    expect(screen.getByTestId('nav-customers')).toHaveTextContent('客户');
    expect(mock.settingsSetLanguage).toHaveBeenLastCalledWith('zh-CN');
  });

  test('the saved language wins over the system language', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info('en'));
    render(<App queryClient={createQueryClient()} />);
    expect(await screen.findByTestId('nav-customers')).toHaveTextContent('Customers');
  });

  test('asks the core for the first page of 100 and the count separately', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info('zh-CN'));
    render(<App queryClient={createQueryClient()} />);
    await screen.findByTestId('customer-count');
    await waitFor(() => expect(mock.customerList).toHaveBeenCalled());
    expect(mock.customerList.mock.calls[0][0]).toEqual({
      filter: { fields: [], tagIds: [], trash: false },
      sort: { key: 'updated', desc: true },
      limit: 100,
      cursor: null,
    });
    expect(mock.customerCount).toHaveBeenCalledWith({ fields: [], tagIds: [], trash: false });
  });

  test('a database the core refuses stops at a full-page error with its message', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockRejectedValue(new IpcFailure('internal', 'this file is not a Kehu CRM database'));
    render(<App queryClient={createQueryClient()} />);
    const page = await screen.findByTestId('startup-error');
    expect(page).toHaveTextContent('this file is not a Kehu CRM database');
    expect(page).toHaveTextContent('无法打开客户数据库');
    expect(screen.queryByTestId('nav-customers')).not.toBeInTheDocument();
  });

  test('an administrator sees the administration section in the menu', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info('zh-CN'));
    render(<App queryClient={createQueryClient()} />);
    await screen.findByTestId('nav-customers');
    expect(screen.getByTestId('nav-users')).toHaveTextContent('用户');
    expect(screen.getByTestId('nav-org')).toHaveTextContent('组织树');
    expect(screen.getByTestId('nav-territories')).toHaveTextContent('区域管理');
    expect(screen.getByTestId('nav-audit')).toHaveTextContent('审计日志');
  });

  test('anyone else sees no administration entries and gets a 403 at their addresses', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info('zh-CN'));
    mock.authStatus.mockResolvedValue({ needsSetup: false, user: SALES_REP });
    window.location.hash = '#/admin/users';
    render(<App queryClient={createQueryClient()} />);
    expect(await screen.findByTestId('admin-forbidden')).toHaveTextContent('无权访问');
    expect(screen.getByTestId('nav-customers')).toBeInTheDocument();
    for (const entry of ['nav-users', 'nav-org', 'nav-territories', 'nav-audit']) {
      expect(screen.queryByTestId(entry)).not.toBeInTheDocument();
    }
    expect(screen.getByTestId('user-menu')).toHaveTextContent('李娜');
    expect(screen.getByTestId('user-menu')).toHaveTextContent('销售');
    expect(mock.userList).not.toHaveBeenCalled();
  });

  test('nothing but the sign-in screen shows until someone signs in', async () => {
    setLanguageOfSystem('zh-CN');
    mock.appInfo.mockResolvedValue(info('zh-CN'));
    mock.authStatus.mockResolvedValue({ needsSetup: false, user: null });
    render(<App queryClient={createQueryClient()} />);
    expect(await screen.findByTestId('sign-in-form')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-customers')).not.toBeInTheDocument();
    expect(mock.customerList).not.toHaveBeenCalled();
  });
});
