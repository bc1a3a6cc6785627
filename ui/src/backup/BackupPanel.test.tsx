import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type BackupInfo, type Backups } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { BackupPanel } from './BackupPanel';

type BackupIpcMock = Record<'backupList' | 'backupCreate' | 'backupCheck' | 'backupRestore' | 'appRestart', Mock>;

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const mocks = Object.fromEntries(
    ['backupList', 'backupCreate', 'backupCheck', 'backupRestore', 'appRestart'].map((n) => [n, vi.fn()]),
  );
  return { ...actual, ipc: mocks };
});
const mock = ipc as unknown as BackupIpcMock;

const MARCH: BackupInfo = {
  path: '/home/me/.local/share/dev.kehu.crm/backups/kehu-20260301-090000.db',
  bytes: 52_428_800,
  takenAt: '2026-03-01T09:00:00.000Z',
  takenBy: 'alice',
  customers: 12_345,
  schema: 9,
};

function listed(overrides: Partial<Backups> = {}): Backups {
  return { folder: '/home/me/.local/share/dev.kehu.crm/backups', backups: [MARCH], restorePending: false, ...overrides };
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.backupList.mockResolvedValue(listed());
});

describe('backup and restore', () => {
  test('lists the backups and takes a new one', async () => {
    const user = userEvent.setup();
    const april = { ...MARCH, path: MARCH.path.replace('20260301', '20260401'), customers: 13_000 };
    mock.backupCreate.mockResolvedValue(april);
    renderWithProviders(<BackupPanel />);
    const rows = await within(await screen.findByTestId('backup-list')).findAllByRole('row');
    expect(rows[1]).toHaveTextContent('alice');
    expect(rows[1]).toHaveTextContent('12,345');
    expect(rows[1]).toHaveTextContent('50.0 MB');
    expect(rows[1]).toHaveTextContent('kehu-20260301-090000.db');
    expect(screen.getByTestId('backup-folder')).toHaveTextContent('/home/me/.local/share/dev.kehu.crm/backups');

    mock.backupList.mockResolvedValue(listed({ backups: [april, MARCH] }));
    await user.click(screen.getByTestId('backup-create'));
    expect(await screen.findByText(`已备份到 ${april.path}`)).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('backup-restore')).toHaveLength(2));
  });

  test('a restore asks first, then offers the restart that finishes it', async () => {
    const user = userEvent.setup();
    mock.backupRestore.mockResolvedValue(MARCH);
    mock.appRestart.mockResolvedValue(null);
    renderWithProviders(<BackupPanel />);
    await user.click(await screen.findByTestId('backup-restore'));
    expect(mock.backupRestore).not.toHaveBeenCalled();
    await user.click(await popconfirmButton(/恢\s*复/));
    await waitFor(() => expect(mock.backupRestore).toHaveBeenCalledWith(MARCH.path));
    expect(await screen.findByTestId('backup-pending')).toHaveTextContent('重启应用后完成恢复');
    await user.click(screen.getByTestId('backup-restart'));
    await waitFor(() => expect(mock.appRestart).toHaveBeenCalledTimes(1));
  });

  test('another file is checked first; a bad one shows the core’s reason and cannot be restored', async () => {
    const user = userEvent.setup();
    mock.backupCheck.mockRejectedValueOnce(new IpcFailure('invalid_input', '/tmp/list.csv is not a Kehu CRM database (it is not an SQLite file)'));
    renderWithProviders(<BackupPanel />);
    await user.type(await screen.findByTestId('backup-other-path'), '/tmp/list.csv');
    await user.click(screen.getByTestId('backup-check'));
    expect(await screen.findByTestId('backup-check-error')).toHaveTextContent('it is not an SQLite file');
    expect(screen.queryByTestId('backup-restore-other')).not.toBeInTheDocument();

    mock.backupCheck.mockResolvedValueOnce({ ...MARCH, path: '/media/usb/kehu.db' });
    mock.backupRestore.mockResolvedValue(MARCH);
    await user.clear(screen.getByTestId('backup-other-path'));
    await user.type(screen.getByTestId('backup-other-path'), '/media/usb/kehu.db');
    await user.click(screen.getByTestId('backup-check'));
    expect(await screen.findByTestId('backup-check-ok')).toHaveTextContent('文件完好：12,345 位客户');
    await user.click(screen.getByTestId('backup-restore-other'));
    await user.click(await popconfirmButton(/恢\s*复/));
    await waitFor(() => expect(mock.backupRestore).toHaveBeenCalledWith('/media/usb/kehu.db'));
  });

  test('a restore left waiting by another program is shown with its restart; English', async () => {
    await applyLanguage('en');
    mock.backupList.mockResolvedValue(listed({ restorePending: true, backups: [] }));
    renderWithProviders(<BackupPanel />);
    expect(await screen.findByTestId('backup-pending')).toHaveTextContent('restart the app to finish restoring it');
    expect(screen.getByText('No backups in the backup folder yet')).toBeInTheDocument();
  });
});
