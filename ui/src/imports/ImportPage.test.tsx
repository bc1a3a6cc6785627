import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type CustomerImportResult, type ImportBatch, type ImportPreview } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { ImportPage } from './ImportPage';

type ImportIpcMock = Record<
  'customerImportPreview' | 'customerImport' | 'importProgress' | 'importCancel' | 'importHistory' | 'importRevert',
  Mock
>;

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const names = ['customerImportPreview', 'customerImport', 'importProgress', 'importCancel', 'importHistory', 'importRevert'];
  return { ...actual, ipc: Object.fromEntries(names.map((n) => [n, vi.fn()])) };
});
const mock = ipc as unknown as ImportIpcMock;

const FIELDS = ['name', 'phone', 'email', 'city', 'notes'].map((key) => ({ key, labelZh: null, labelEn: null }));

function preview(shoeField: string | null, problems: string[]): ImportPreview {
  return {
    source: { format: 'csv', encoding: 'gb18030', delimiter: ',' },
    header: ['客户名称', '邮箱', '鞋码'],
    columns: [
      { header: '客户名称', field: 'name' },
      { header: '邮箱', field: 'email' },
      { header: '鞋码', field: shoeField },
    ],
    mappingProblems: problems,
    fields: FIELDS,
    rows: [
      { line: 2, cells: ['张三', 'zs@example.cn', '42'], problems: [] },
      { line: 3, cells: ['李四', 'li-at-example', '40'], problems: [{ column: 1, message: "email 'li-at-example' is not an e-mail address" }] },
    ],
  };
}

const BATCH: ImportBatch = {
  id: 'b-1', entity: 'customers', fileName: '客户.csv', format: 'csv', created: 1, updated: 0, mode: 'create', rejected: 1,
  importedAt: '2026-03-01T09:00:00.000Z', importedBy: 'alice', revertedAt: null, revertedBy: null,
};

function applied(imported: number, updated: number, dryRun = false): CustomerImportResult {
  return {
    report: {
      imported, updated, rejected: [], batch: dryRun ? null : 'b-2', dryRun,
      source: { format: 'csv', encoding: 'gb18030', delimiter: ',' }, header: [], columns: [],
    },
    rejectedFile: null,
  };
}

/** The text of the history's cell under the column with this title, in the first batch's row. */
function historyCell(title: string): string {
  const table = screen.getByTestId('import-history');
  const titles = within(table).getAllByRole('columnheader').map((h) => h.textContent);
  const row = within(table).getAllByRole('row')[1];
  return within(row).getAllByRole('cell')[titles.indexOf(title)].textContent ?? '';
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.importProgress.mockResolvedValue({ rows: 1, bytesRead: 10, bytesTotal: 100, cancelled: false });
  mock.importHistory.mockResolvedValue([BATCH]);
});

describe('the import wizard', () => {
  test('reads a file, asks for the unmatched column, shows the bad cell, imports and lists the rejected row', async () => {
    const user = userEvent.setup();
    mock.customerImportPreview
      .mockResolvedValueOnce(preview(null, ["column '鞋码' matches no field; map it to one or leave it out"]))
      .mockResolvedValueOnce(preview(null, []));
    mock.customerImport.mockResolvedValue({
      report: {
        imported: 1, updated: 0, rejected: [{ line: 3, reason: "email 'li-at-example' is not an e-mail address", cells: [] }], batch: 'b-1',
        dryRun: false, source: { format: 'csv', encoding: 'gb18030', delimiter: ',' }, header: [], columns: [],
      },
      rejectedFile: '/home/me/客户-rejected-20260301-090000.csv',
    });
    renderWithProviders(<ImportPage />);
    await user.type(screen.getByTestId('import-path'), '/home/me/客户.csv');
    await user.click(screen.getByTestId('import-read'));

    expect(await screen.findByTestId('import-facts')).toHaveTextContent('编码：GBK / GB18030');
    expect(screen.getByTestId('import-mapping-problems')).toHaveTextContent("column '鞋码' matches no field");
    expect(screen.getByTestId('import-start')).toBeDisabled();
    expect(screen.getByTestId('import-cell-problem')).toHaveTextContent('li-at-example');
    expect(mock.customerImportPreview).toHaveBeenCalledWith('/home/me/客户.csv', expect.objectContaining({ mapping: {} }));

    await chooseOption(user, screen.getByTestId('import-field-2'), '不导入');
    await waitFor(() => expect(screen.getByTestId('import-start')).toBeEnabled());
    expect(mock.customerImportPreview).toHaveBeenLastCalledWith('/home/me/客户.csv', expect.objectContaining({ mapping: { 鞋码: null } }));

    await user.click(screen.getByTestId('import-skip-invalid'));
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('已导入 1 位客户');
    expect(screen.getByTestId('import-rejected')).toHaveTextContent("行 3: email 'li-at-example'");
    expect(screen.getByTestId('import-rejected-file')).toHaveTextContent('/home/me/客户-rejected-20260301-090000.csv');
    expect(mock.customerImport).toHaveBeenCalledWith(
      '/home/me/客户.csv',
      expect.objectContaining({ skipInvalid: true, dryRun: false, mapping: { 鞋码: null } }),
    );
  });

  test('an upsert by email sends the mode and key with the preview and the import, and reports the updated', async () => {
    const user = userEvent.setup();
    mock.customerImportPreview.mockResolvedValue(preview(null, []));
    mock.customerImport.mockResolvedValue(applied(1, 2));
    renderWithProviders(<ImportPage />);
    // A new customer is matched by nothing: the key waits for an update mode.
    expect(within(screen.getByTestId('import-key')).getByRole('combobox')).toBeDisabled();
    expect(screen.getByTestId('import-mode-hint')).toHaveTextContent('每一行都新增为一位客户');

    await user.type(screen.getByTestId('import-path'), '/home/me/客户.csv');
    await user.click(screen.getByTestId('import-read'));
    await screen.findByTestId('import-facts');
    expect(mock.customerImportPreview).toHaveBeenLastCalledWith('/home/me/客户.csv', expect.objectContaining({ mode: 'create' }));
    await chooseOption(user, screen.getByTestId('import-field-2'), '备注 (notes)');

    // Each change reads the preview again with the mapping chosen so far.
    await chooseOption(user, screen.getByTestId('import-mode'), '新增或更新');
    await waitFor(() =>
      expect(mock.customerImportPreview).toHaveBeenLastCalledWith(
        '/home/me/客户.csv',
        expect.objectContaining({ mode: 'upsert', key: 'external_id', mapping: { 鞋码: 'notes' } }),
      ),
    );
    expect(screen.getByTestId('import-mode-hint')).toHaveTextContent('其余的行新增为客户');
    await chooseOption(user, screen.getByTestId('import-key'), '邮箱');
    await waitFor(() =>
      expect(mock.customerImportPreview).toHaveBeenLastCalledWith(
        '/home/me/客户.csv',
        expect.objectContaining({ mode: 'upsert', key: 'email', mapping: { 鞋码: 'notes' } }),
      ),
    );

    await waitFor(() => expect(screen.getByTestId('import-start')).toBeEnabled());
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('已导入 1 位客户，更新 2 位客户。');
    expect(mock.customerImport).toHaveBeenCalledWith(
      '/home/me/客户.csv',
      expect.objectContaining({ dryRun: false, mode: 'upsert', key: 'email', mapping: { 鞋码: 'notes' } }),
    );
  });

  test('a dry run of an update by phone says how many customers it would change', async () => {
    const user = userEvent.setup();
    mock.customerImportPreview.mockResolvedValue(preview('notes', []));
    mock.customerImport.mockResolvedValue(applied(0, 5, true));
    renderWithProviders(<ImportPage />);
    await chooseOption(user, screen.getByTestId('import-mode'), '更新已有客户');
    await chooseOption(user, screen.getByTestId('import-key'), '手机或电话');
    expect(screen.getByTestId('import-mode-hint')).toHaveTextContent('找不到客户的行会被拒绝');
    await user.type(screen.getByTestId('import-path'), '/home/me/客户.csv');
    await user.click(screen.getByTestId('import-read'));
    expect(mock.customerImportPreview).toHaveBeenCalledWith('/home/me/客户.csv', expect.objectContaining({ mode: 'update', key: 'phone' }));

    await user.click(await screen.findByTestId('import-dry-run'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('试运行：可以更新 5 位客户，没有写入任何数据。');
    expect(mock.customerImport).toHaveBeenCalledWith('/home/me/客户.csv', expect.objectContaining({ dryRun: true, mode: 'update', key: 'phone' }));
  });

  test('a cancelled import says nothing was written; a read failure shows the core’s reason', async () => {
    const user = userEvent.setup();
    mock.customerImportPreview.mockRejectedValueOnce(new IpcFailure('invalid_input', 'cannot open /x.csv: No such file'));
    renderWithProviders(<ImportPage />);
    await user.type(screen.getByTestId('import-path'), '/x.csv');
    await user.click(screen.getByTestId('import-read'));
    expect(await screen.findByTestId('import-read-error')).toHaveTextContent('No such file');

    mock.customerImportPreview.mockResolvedValueOnce(preview('notes', []));
    let fail: (e: unknown) => void = () => {};
    mock.customerImport.mockReturnValue(new Promise((_, reject) => (fail = reject)));
    mock.importCancel.mockImplementation(() => {
      fail(new IpcFailure('cancelled', 'the import was cancelled; nothing was imported'));
      return Promise.resolve(null);
    });
    await user.click(screen.getByTestId('import-read'));
    await user.click(await screen.findByTestId('import-start'));
    await user.click(await screen.findByTestId('import-cancel'));
    expect(await screen.findByTestId('import-cancelled')).toHaveTextContent('没有写入任何数据');
  });

  test('the history lists a batch and reverts it after confirmation', async () => {
    const user = userEvent.setup();
    mock.importRevert.mockResolvedValue({ ...BATCH, revertedAt: '2026-03-02T09:00:00.000Z', revertedBy: 'alice' });
    renderWithProviders(<ImportPage />);
    await user.click(screen.getByTestId('import-tab-history'));
    expect(await screen.findByTestId('import-history')).toHaveTextContent('客户.csv');
    await user.click(screen.getByTestId('import-revert'));
    await user.click(await popconfirmButton(/撤\s*销/));
    await waitFor(() => expect(mock.importRevert).toHaveBeenCalledWith('b-1'));
    expect(await screen.findByText('已撤销，删除了 1 位客户')).toBeInTheDocument();
  });

  test('the history shows what a batch updated and its mode, and a revert gives the earlier values back', async () => {
    const user = userEvent.setup();
    const upsert: ImportBatch = { ...BATCH, created: 2, updated: 3, mode: 'upsert' };
    mock.importHistory.mockResolvedValue([upsert]);
    mock.importRevert.mockResolvedValue({ ...upsert, revertedAt: '2026-03-02T09:00:00.000Z', revertedBy: 'alice' });
    renderWithProviders(<ImportPage />);
    await user.click(screen.getByTestId('import-tab-history'));
    await screen.findByTestId('import-history');
    expect(historyCell('新增')).toBe('2');
    expect(historyCell('更新客户')).toBe('3');
    expect(screen.getByTestId('import-batch-mode')).toHaveTextContent('新增或更新');

    await user.click(screen.getByTestId('import-revert'));
    expect(await screen.findByText(/被更新的客户恢复导入前的内容/)).toBeInTheDocument();
    await user.click(await popconfirmButton(/撤\s*销/));
    expect(await screen.findByText('已撤销，删除了 2 位客户，恢复了 3 位客户')).toBeInTheDocument();
  });
});
