import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type OrgUnit } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ORG_UNITS } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { OrgTreePage } from './OrgTreePage';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const row = (name: string) => screen.getByText(name).closest<HTMLElement>('.ant-tree-treenode')!;

/**
 * Drags one unit onto another. The tree reads "onto" from the pointer moving right of where
 * the drag began (jsdom has no layout; a move to the right is "inside" the target).
 */
function drag(from: string, onto: string) {
  const target = row(onto);
  fireEvent.dragStart(row(from), { clientX: 0, clientY: 0 });
  fireEvent.dragEnter(target, { clientX: 200, clientY: 0 });
  fireEvent.dragOver(target, { clientX: 200, clientY: 0 });
  fireEvent.drop(target, { clientX: 200, clientY: 0 });
}

const moved = (id: string, parentId: string): OrgUnit[] => ORG_UNITS.map((u) => (u.id === id ? { ...u, parentId } : u));

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.orgList.mockResolvedValue(ORG_UNITS);
});

describe('OrgTreePage', () => {
  test('shows the tree with each unit’s users and territories, and says moving moves scope', async () => {
    renderWithProviders(<OrgTreePage />);
    await screen.findByText('销售一部');
    expect(screen.getAllByTestId('org-node')).toHaveLength(4);
    const salesOne = row('销售一部');
    expect(salesOne).toHaveTextContent('3 人');
    expect(salesOne).toHaveTextContent('1 个区域');
    expect(screen.getByTestId('org-hint')).toHaveTextContent('能看到的客户范围也会随之改变');
  });

  test('dropping a unit onto another moves it there through the core', async () => {
    mock.orgMove.mockResolvedValue({ ...ORG_UNITS[3], parentId: 'o-service' });
    renderWithProviders(<OrgTreePage />);
    await screen.findByText('销售一部');
    mock.orgList.mockResolvedValue(moved('o-sales-1', 'o-service'));

    drag('销售一部', '客服部');

    await waitFor(() => expect(mock.orgMove).toHaveBeenCalledWith('o-sales-1', 'o-service'));
    expect(await screen.findByText('已将“销售一部”移到“客服部”下')).toBeInTheDocument();
    // Drawn again from the core's answer: 销售一部 now sits in 客服部's subtree.
    await waitFor(() => expect(mock.orgList).toHaveBeenCalledTimes(2));
  });

  test('a refused move shows the core’s reason and keeps the tree as the core has it', async () => {
    mock.orgMove.mockRejectedValue(
      new IpcFailure('invalid_input', "'销售部' cannot be moved under '销售一部', which is '销售部' itself or lies below it"),
    );
    renderWithProviders(<OrgTreePage />);
    await screen.findByText('销售一部');

    drag('客服部', '销售一部');

    await waitFor(() => expect(mock.orgMove).toHaveBeenCalledWith('o-service', 'o-sales-1'));
    expect(await screen.findByText(/无法移动“客服部”：.*cannot be moved under/)).toBeInTheDocument();
    await waitFor(() => expect(mock.orgList).toHaveBeenCalledTimes(2));
    expect(screen.getAllByTestId('org-node')).toHaveLength(4);
  });

  test('adds a unit below the one whose “add” button was pressed', async () => {
    const user = userEvent.setup();
    mock.orgCreate.mockResolvedValue({ id: 'o-new', name: '华北销售', parentId: 'o-sales', userCount: 0, territoryCount: 0 });
    renderWithProviders(<OrgTreePage />);
    await screen.findByText('销售部');
    await user.click(within(row('销售部')).getByRole('button', { name: '添加下级部门' }));
    await user.type(await screen.findByTestId('org-unit-name'), '华北销售');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(mock.orgCreate).toHaveBeenCalledWith('华北销售', 'o-sales'));
  });
});
