import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { IpcFailure, ipc, type ContactImportResult, type ImportBatch, type LeadImportResult, type OrderImportResult } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { ImportPage } from './ImportPage';

type RecordIpcMock = Record<'contactImport' | 'leadImport' | 'orderImport' | 'importHistory' | 'importRevert', Mock>;

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const names = ['contactImport', 'leadImport', 'orderImport', 'importHistory', 'importRevert', 'importProgress', 'customerImportPreview'];
  return { ...actual, ipc: Object.fromEntries(names.map((n) => [n, vi.fn()])) };
});
const mock = ipc as unknown as RecordIpcMock;

const CUSTOMERS_BATCH: ImportBatch = {
  id: 'b-1', entity: 'customers', fileName: '客户.csv', format: 'csv', created: 3, updated: 0, mode: 'create', rejected: 0,
  importedAt: '2026-03-01T09:00:00.000Z', importedBy: 'alice', revertedAt: null, revertedBy: null,
};
const CONTACTS_BATCH: ImportBatch = { ...CUSTOMERS_BATCH, id: 'b-2', entity: 'contacts', fileName: '联系人.csv', created: 2, rejected: 1 };
const LEADS_BATCH: ImportBatch = { ...CUSTOMERS_BATCH, id: 'b-3', entity: 'leads', fileName: '线索.xlsx', format: 'xlsx', created: 5, rejected: 1 };
const ORDERS_BATCH: ImportBatch = { ...CUSTOMERS_BATCH, id: 'b-4', entity: 'orders', fileName: '订单.csv', created: 2, rejected: 0 };
/** What the form sends when the encoding is left to the core. */
const DETECT = { format: null, encoding: null, delimiter: null };
const CSV = { format: 'csv', encoding: 'utf8', delimiter: ',' } as const;

function contactsDone(dryRun: boolean, rejectedFile: string | null): ContactImportResult {
  return {
    report: {
      imported: 2,
      rejected: [{ line: 4, reason: "customer 'C-404' does not exist", cells: [] }],
      batch: dryRun ? null : 'b-2',
      dryRun,
      source: { format: 'csv', encoding: 'gb18030', delimiter: ',' },
      header: ['客户编号', '姓名'],
    },
    rejectedFile,
  };
}

function leadsDone(dryRun: boolean, rejectedFile: string | null): LeadImportResult {
  return {
    report: {
      imported: 5,
      assigned: dryRun ? 0 : 3,
      rejected: [{ line: 7, reason: 'name is required', cells: [] }],
      batch: dryRun ? null : 'b-3',
      dryRun,
      source: CSV,
      header: ['姓名', '公司', '手机'],
    },
    rejectedFile,
  };
}

function ordersDone(report: Partial<OrderImportResult['report']>, rejectedFile: string | null = null): OrderImportResult {
  return {
    report: { orders: 0, lines: 0, rejected: [], batch: null, dryRun: false, source: CSV, header: ['订单号', '客户编号'], ...report },
    rejectedFile,
  };
}

/** Clicks the kind's label, as a user does (antd hides the radio itself). */
async function choose(user: UserEvent, what: string) {
  await user.click(within(screen.getByTestId('import-what')).getByText(what));
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.importHistory.mockResolvedValue([CUSTOMERS_BATCH]);
});

describe('importing contacts, leads and orders', () => {
  test('the customer wizard is the default; another kind shows its own form, and customers bring the wizard back', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ImportPage />);
    expect(within(screen.getByTestId('import-what')).getByRole('radio', { name: '客户' })).toBeChecked();
    expect(screen.getByTestId('import-wizard')).toBeInTheDocument();
    expect(screen.getByTestId('import-read')).toBeInTheDocument();

    await choose(user, '订单');
    expect(screen.queryByTestId('import-wizard')).not.toBeInTheDocument();
    expect(screen.getByTestId('import-record-hint')).toHaveTextContent('订单号（order_id）、客户编号（customer_external_id）');
    // Orders, like every kind, may be read in an encoding, skip their bad rows and be tried first.
    expect(screen.getByTestId('import-skip-invalid')).toBeInTheDocument();
    expect(screen.getByText('跳过有问题的行（其余照常导入，被拒的行另存为文件）')).toBeInTheDocument();
    expect(screen.getByTestId('import-dry-run')).toBeInTheDocument();
    expect(screen.getByTestId('import-encoding')).toBeInTheDocument();

    await choose(user, '客户');
    expect(screen.getByTestId('import-wizard')).toBeInTheDocument();
    expect(screen.queryByTestId('import-record-form')).not.toBeInTheDocument();
  });

  test('contacts: a dry run and an import send the path and options, show the count, the rejected row and file, and join the history', async () => {
    const user = userEvent.setup();
    mock.contactImport.mockResolvedValueOnce(contactsDone(true, null)).mockResolvedValueOnce(contactsDone(false, '/home/me/联系人-rejected-20260301-090000.csv'));
    const { queryClient } = renderWithProviders(<ImportPage />);
    // As in the app, a history once read is not read again by itself for a while.
    queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 30_000 } });
    await user.click(screen.getByTestId('import-tab-history'));
    expect(await screen.findByTestId('import-history')).toHaveTextContent('客户.csv');
    await user.click(screen.getByTestId('import-tab-file'));

    await choose(user, '联系人');
    expect(screen.getByTestId('import-record-hint')).toHaveTextContent('客户编号');
    await chooseOption(user, screen.getByTestId('import-encoding'), 'GBK / GB18030');
    await user.type(screen.getByTestId('import-path'), '/home/me/联系人.csv');
    await user.click(screen.getByTestId('import-skip-invalid'));
    await user.click(screen.getByTestId('import-dry-run'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('试运行：可以导入 2 位联系人，没有写入任何数据。');
    expect(mock.contactImport).toHaveBeenLastCalledWith(
      '/home/me/联系人.csv',
      expect.objectContaining({ skipInvalid: true, dryRun: true, source: { format: null, encoding: 'gb18030', delimiter: null } }),
    );

    mock.importHistory.mockResolvedValue([CONTACTS_BATCH, CUSTOMERS_BATCH]);
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('已导入 2 位联系人。');
    expect(mock.contactImport).toHaveBeenLastCalledWith('/home/me/联系人.csv', expect.objectContaining({ skipInvalid: true, dryRun: false }));
    expect(screen.getByTestId('import-rejected')).toHaveTextContent("行 4: customer 'C-404' does not exist");
    expect(screen.getByTestId('import-rejected-file')).toHaveTextContent('/home/me/联系人-rejected-20260301-090000.csv');

    await user.click(screen.getByTestId('import-tab-history'));
    expect(await screen.findByText('联系人.csv')).toBeInTheDocument();
    expect(screen.getByTestId('import-batch-kind')).toHaveTextContent('联系人');
  });

  test('a contacts batch in the history is reverted as contacts', async () => {
    const user = userEvent.setup();
    mock.importHistory.mockResolvedValue([CONTACTS_BATCH]);
    mock.importRevert.mockResolvedValue({ ...CONTACTS_BATCH, revertedAt: '2026-03-02T09:00:00.000Z', revertedBy: 'alice' });
    renderWithProviders(<ImportPage />);
    await user.click(screen.getByTestId('import-tab-history'));
    await screen.findByTestId('import-history');
    expect(screen.queryByTestId('import-batch-mode')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('import-revert'));
    expect(await screen.findByText(/删除这次导入新增的联系人/)).toBeInTheDocument();
    await user.click(await popconfirmButton(/撤\s*销/));
    expect(await screen.findByText('已撤销，删除了 2 位联系人')).toBeInTheDocument();
    expect(mock.importRevert).toHaveBeenCalledWith('b-2');
  });

  test('contacts refused as a whole say so and suggest skipping the bad rows', async () => {
    const user = userEvent.setup();
    const refused = contactsDone(false, '/home/me/联系人-rejected.csv');
    mock.contactImport.mockResolvedValue({ ...refused, report: { ...refused.report, imported: 0, batch: null } });
    renderWithProviders(<ImportPage />);
    await choose(user, '联系人');
    await user.type(screen.getByTestId('import-path'), '/home/me/联系人.csv');
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('没有导入任何数据。修正后重新导入，或勾选“跳过有问题的行”');
    expect(mock.contactImport).toHaveBeenCalledWith('/home/me/联系人.csv', expect.objectContaining({ skipInvalid: false, dryRun: false }));
    expect(screen.getByTestId('import-rejected')).toHaveTextContent('C-404');
  });

  test('leads: a dry run gives the count; the import sends the options, says how the rules assigned them and where the rejected rows went', async () => {
    const user = userEvent.setup();
    mock.leadImport.mockResolvedValueOnce(leadsDone(true, '/home/me/线索-rejected-1.csv')).mockResolvedValueOnce(leadsDone(false, '/home/me/线索-rejected-2.csv'));
    const { queryClient } = renderWithProviders(<ImportPage />);
    await choose(user, '线索');
    expect(screen.getByTestId('import-record-hint')).toHaveTextContent('姓名（name，必填）');
    await user.type(screen.getByTestId('import-path'), '/home/me/线索.csv');
    await user.click(screen.getByTestId('import-skip-invalid'));
    await user.click(screen.getByTestId('import-dry-run'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('试运行：可以导入 5 条线索，没有写入任何数据。');
    expect(mock.leadImport).toHaveBeenLastCalledWith('/home/me/线索.csv', { skipInvalid: true, dryRun: true, source: DETECT });

    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('已导入 5 条线索：分配规则分配了 3 条，2 条留在线索池。');
    expect(mock.leadImport).toHaveBeenLastCalledWith('/home/me/线索.csv', { skipInvalid: true, dryRun: false, source: DETECT });
    expect(screen.getByTestId('import-rejected')).toHaveTextContent('行 7: name is required');
    expect(screen.getByTestId('import-rejected-file')).toHaveTextContent('/home/me/线索-rejected-2.csv');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['importHistory'] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['leads'] });
  });

  test('orders: a refusal lists every rejected line and suggests skipping; an unknown column shows the core’s message', async () => {
    const user = userEvent.setup();
    mock.orderImport.mockResolvedValueOnce(
      ordersDone(
        {
          rejected: [
            { line: 3, reason: "no customer has the external id 'C-9'", cells: [] },
            { line: 5, reason: "quantity 'x' is not a number", cells: [] },
          ],
        },
        '/home/me/订单-rejected.csv',
      ),
    );
    renderWithProviders(<ImportPage />);
    await choose(user, '订单');
    await chooseOption(user, screen.getByTestId('import-encoding'), 'GBK / GB18030');
    await user.type(screen.getByTestId('import-path'), '/home/me/订单.csv');
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('没有导入任何数据。修正后重新导入，或勾选“跳过有问题的行”');
    expect(mock.orderImport).toHaveBeenCalledWith('/home/me/订单.csv', {
      skipInvalid: false,
      dryRun: false,
      source: { format: null, encoding: 'gb18030', delimiter: null },
    });
    const rejected = screen.getByTestId('import-rejected');
    expect(rejected).toHaveTextContent('2 行未导入');
    expect(rejected).toHaveTextContent("行 3: no customer has the external id 'C-9'");
    expect(rejected).toHaveTextContent("行 5: quantity 'x' is not a number");

    mock.orderImport.mockRejectedValueOnce(new IpcFailure('invalid_input', "line 1: unknown column 'sku' in column 4"));
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-error')).toHaveTextContent("unknown column 'sku'");
    expect(screen.queryByTestId('import-result-summary')).not.toBeInTheDocument();

    mock.orderImport.mockResolvedValueOnce(ordersDone({ orders: 2, lines: 3, dryRun: true }));
    await user.click(screen.getByTestId('import-dry-run'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('试运行：可以导入 2 张订单（3 行商品），没有写入任何数据。');
    expect(screen.queryByTestId('import-rejected')).not.toBeInTheDocument();
  });

  test('orders: skipping the rejected lines imports the valid orders and says where the rejected lines were saved', async () => {
    const user = userEvent.setup();
    mock.orderImport.mockResolvedValueOnce(
      ordersDone(
        { orders: 2, lines: 3, batch: 'b-4', rejected: [{ line: 6, reason: "unit_price '¥x' is not a number", cells: [] }] },
        '/home/me/订单-rejected-20260301-090000.csv',
      ),
    );
    const { queryClient } = renderWithProviders(<ImportPage />);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await choose(user, '订单');
    await user.type(screen.getByTestId('import-path'), '/home/me/订单.xlsx');
    await user.click(screen.getByTestId('import-skip-invalid'));
    await user.click(screen.getByTestId('import-start'));
    expect(await screen.findByTestId('import-result-summary')).toHaveTextContent('已导入 2 张订单，共 3 行商品。');
    expect(mock.orderImport).toHaveBeenCalledWith('/home/me/订单.xlsx', { skipInvalid: true, dryRun: false, source: DETECT });
    expect(screen.getByTestId('import-rejected')).toHaveTextContent("行 6: unit_price '¥x' is not a number");
    expect(screen.getByTestId('import-rejected-file')).toHaveTextContent('/home/me/订单-rejected-20260301-090000.csv');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['importHistory'] });
  });

  test('leads and orders batches show their kind in the history and are reverted as such', async () => {
    const user = userEvent.setup();
    mock.importHistory.mockResolvedValue([LEADS_BATCH, ORDERS_BATCH]);
    mock.importRevert.mockResolvedValue({ ...LEADS_BATCH, revertedAt: '2026-03-02T09:00:00.000Z', revertedBy: 'alice' });
    const { queryClient } = renderWithProviders(<ImportPage />);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await user.click(screen.getByTestId('import-tab-history'));
    await screen.findByTestId('import-history');
    expect(screen.getAllByTestId('import-batch-kind').map((tag) => tag.textContent)).toEqual(['线索', '订单']);
    expect(screen.queryByTestId('import-batch-mode')).not.toBeInTheDocument();

    await user.click(screen.getAllByTestId('import-revert')[0]);
    expect(await screen.findByText(/删除这次导入新增的线索/)).toBeInTheDocument();
    await user.click(await popconfirmButton(/撤\s*销/));
    expect(await screen.findByText('已撤销，删除了 5 条线索')).toBeInTheDocument();
    expect(mock.importRevert).toHaveBeenCalledWith('b-3');
    // The core's event after a revert names the customers only; the lead lists refresh here.
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['leads'] });
  });
});
