import { beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type CustomerFilter } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { ExportButton } from './ExportButton';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  return { ...actual, ipc: { exportToFile: vi.fn() } };
});
const mock = ipc as unknown as { exportToFile: Mock };

/** The labels of the formats the open dialog offers. */
function offeredFormats(): string[] {
  return within(screen.getByTestId('export-format'))
    .getAllByRole('radio')
    .map((r) => r.closest('label')?.textContent ?? '');
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
});

describe('the export button', () => {
  test('exports the chosen kind and format to the typed path and says how many records it wrote', async () => {
    const user = userEvent.setup();
    mock.exportToFile.mockResolvedValue(12);
    renderWithProviders(<ExportButton kinds={['customers', 'contacts']} />);
    await user.click(screen.getByTestId('export-customers'));

    expect(offeredFormats()).toEqual(['CSV', 'Excel (.xlsx)', 'vCard']);
    expect(screen.getByTestId('export-note')).toHaveTextContent('以 = + - @ 开头的单元格');
    expect(screen.getByTestId('export-confirm')).toBeDisabled();
    await user.click(within(screen.getByTestId('export-kind')).getByRole('radio', { name: '联系人' }));
    await user.click(within(screen.getByTestId('export-format')).getByRole('radio', { name: 'Excel (.xlsx)' }));
    expect(screen.getByTestId('export-path')).toHaveAttribute('placeholder', expect.stringContaining('/home/me/联系人.xlsx'));
    await user.type(screen.getByTestId('export-path'), '/home/me/联系人.xlsx');
    await user.click(screen.getByTestId('export-confirm'));

    expect(await screen.findByText('已导出 12 条记录到 /home/me/联系人.xlsx')).toBeInTheDocument();
    expect(mock.exportToFile).toHaveBeenCalledWith('contacts', 'xlsx', null, '/home/me/联系人.xlsx');
    await waitFor(() => expect(screen.queryByTestId('export-path')).not.toBeInTheDocument());
  });

  test('leads are offered as CSV or Excel only, with no choice of what to export', async () => {
    const user = userEvent.setup();
    mock.exportToFile.mockResolvedValue(3);
    renderWithProviders(<ExportButton kinds={['leads']} />);
    await user.click(screen.getByTestId('export-leads'));

    expect(offeredFormats()).toEqual(['CSV', 'Excel (.xlsx)']);
    expect(screen.queryByTestId('export-kind')).not.toBeInTheDocument();
    await user.type(screen.getByTestId('export-path'), '/home/me/线索.csv{Enter}');
    await waitFor(() => expect(mock.exportToFile).toHaveBeenCalledWith('leads', 'csv', null, '/home/me/线索.csv'));
  });

  test('a refusal shows the core’s reason in the dialog and keeps what was entered', async () => {
    const user = userEvent.setup();
    mock.exportToFile.mockRejectedValue(new IpcFailure('invalid_input', 'cannot create /nope/工单.csv: No such file or directory'));
    renderWithProviders(<ExportButton kinds={['tickets']} />);
    await user.click(screen.getByTestId('export-tickets'));
    await user.click(within(screen.getByTestId('export-format')).getByRole('radio', { name: 'Excel (.xlsx)' }));
    await user.type(screen.getByTestId('export-path'), '/nope/工单.csv');
    await user.click(screen.getByTestId('export-confirm'));

    expect(await screen.findByTestId('export-error')).toHaveTextContent('No such file or directory');
    expect(mock.exportToFile).toHaveBeenCalledWith('tickets', 'xlsx', null, '/nope/工单.csv');
    expect(screen.getByTestId('export-path')).toHaveValue('/nope/工单.csv');
    expect(within(screen.getByTestId('export-format')).getByRole('radio', { name: 'Excel (.xlsx)' })).toBeChecked();
  });

  test('a filtered customer list exports what it shows unless the user asks for every customer', async () => {
    const user = userEvent.setup();
    mock.exportToFile.mockResolvedValue(4);
    const filter: CustomerFilter = {
      fields: [{ op: 'oneOf', key: 'province', values: ['广东'] }],
      tagIds: [],
      trash: false,
    };
    renderWithProviders(<ExportButton kinds={['customers', 'contacts']} customerFilter={filter} />);
    await user.click(screen.getByTestId('export-customers'));
    expect(screen.getByTestId('export-filtered')).toBeChecked();
    await user.type(screen.getByTestId('export-path'), '/home/me/广东.csv{Enter}');
    await waitFor(() => expect(mock.exportToFile).toHaveBeenCalledWith('customers', 'csv', filter, '/home/me/广东.csv'));

    await user.click(screen.getByTestId('export-customers'));
    await user.click(screen.getByTestId('export-filtered'));
    await user.type(screen.getByTestId('export-path'), '/home/me/全部.csv{Enter}');
    await waitFor(() => expect(mock.exportToFile).toHaveBeenLastCalledWith('customers', 'csv', null, '/home/me/全部.csv'));

    // Contacts are exported whole: the filter is not offered for them.
    await user.click(screen.getByTestId('export-customers'));
    await user.click(within(screen.getByTestId('export-kind')).getByRole('radio', { name: '联系人' }));
    expect(screen.queryByTestId('export-filtered')).not.toBeInTheDocument();
    await user.type(screen.getByTestId('export-path'), '/home/me/联系人.csv{Enter}');
    await waitFor(() => expect(mock.exportToFile).toHaveBeenLastCalledWith('contacts', 'csv', null, '/home/me/联系人.csv'));
  });

  test('an unfiltered list offers no filter choice', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ExportButton kinds={['customers', 'contacts']} />);
    await user.click(screen.getByTestId('export-customers'));
    expect(screen.queryByTestId('export-filtered')).not.toBeInTheDocument();
  });
});
