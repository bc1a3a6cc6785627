import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { SALES_REP, user as account } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { AGENTS, ROUTING } from '../deskFixtures';
import { RoutingPanel } from './RoutingPanel';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createDeskIpcMock } = await import('../deskFixtures');
  return { ...actual, ipc: createDeskIpcMock() };
});
const mock = ipc as unknown as IpcMock;
const MANAGER = account({ id: 'u-wang', login: 'wangqiang', displayName: '王强', role: 'manager' });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
  mock.agentList.mockResolvedValue(AGENTS);
});

describe('the routing', () => {
  test('the administrator picks a strategy, switches skills off, edits the categories and saves', async () => {
    const user = userEvent.setup();
    mock.ticketRoutingSet.mockImplementation((routing) => Promise.resolve(routing));
    renderWithProviders(<RoutingPanel />);
    await screen.findAllByTestId('category-row');
    expect(screen.getByTestId('routing-strategy-round_robin')).toBeChecked();
    expect(screen.getByTestId('routing-save')).toBeDisabled();
    // Saved keys stay as they are: tickets and skills refer to them.
    expect(screen.getByTestId('category-key-0')).toHaveTextContent('inquiry');
    expect(screen.getByTestId('category-key-0')).not.toHaveAttribute('value');

    await user.click(screen.getByTestId('routing-strategy-least_loaded'));
    await user.click(screen.getByTestId('routing-by-skill'));
    await user.clear(screen.getByTestId('category-en-1'));
    await user.type(screen.getByTestId('category-en-1'), 'Complaints');
    await user.click(screen.getByTestId('category-remove-0'));
    await user.click(screen.getByTestId('category-add'));
    await user.type(screen.getByTestId('category-key-2'), 'warranty');
    await user.type(screen.getByTestId('category-zh-2'), '保修');
    await user.type(screen.getByTestId('category-en-2'), 'Warranty');
    await user.click(screen.getByTestId('routing-save'));

    await waitFor(() => expect(mock.ticketRoutingSet).toHaveBeenCalledTimes(1));
    expect(mock.ticketRoutingSet.mock.calls[0][0]).toEqual({
      strategy: 'least_loaded',
      bySkill: false,
      categories: [
        { key: 'complaint', labelZh: '投诉', labelEn: 'Complaints' },
        { key: 'repair', labelZh: '维修', labelEn: 'Repair' },
        { key: 'warranty', labelZh: '保修', labelEn: 'Warranty' },
      ],
    });
    await waitFor(() => expect(screen.getByTestId('routing-save')).toBeDisabled());
    // Removing a category may have changed the agents' skills.
    await waitFor(() => expect(mock.agentList).toHaveBeenCalledTimes(2));
  });

  test('shows why the core refused it', async () => {
    const user = userEvent.setup();
    mock.ticketRoutingSet.mockRejectedValue(new IpcFailure('invalid_input', "category 'repair' is used by tickets and cannot be removed"));
    renderWithProviders(<RoutingPanel />);
    await screen.findAllByTestId('category-row');
    await user.click(screen.getByTestId('category-remove-2'));
    await user.click(screen.getByTestId('routing-save'));
    expect(await screen.findByTestId('routing-error')).toHaveTextContent('is used by tickets');
    expect(screen.getAllByTestId('category-row')).toHaveLength(2);
  });
});

describe('the agents', () => {
  test('show their role, unit, load and skills; a skill change is saved at once', async () => {
    const user = userEvent.setup();
    mock.agentSetSkills.mockImplementation((login, skills) =>
      Promise.resolve(AGENTS.map((a) => (a.login === login ? { ...a, skills } : a))),
    );
    renderWithProviders(<RoutingPanel />);
    const rows = await screen.findAllByTestId('agent-row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('周倩');
    expect(rows[1]).toHaveTextContent('客服');
    expect(rows[1]).toHaveTextContent('客服部');
    expect(within(rows[1]).getByTestId('agent-open')).toHaveTextContent('3');
    await waitFor(() => expect(within(rows[1]).getByTestId('agent-skills')).toHaveTextContent('维修'));

    await user.click(within(rows[1]).getByRole('combobox'));
    const dropdown = await waitFor(() => {
      const d = document.querySelector<HTMLElement>('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      expect(d).not.toBeNull();
      return d!;
    });
    await user.click(within(dropdown).getByTitle('投诉'));
    await waitFor(() => expect(mock.agentSetSkills).toHaveBeenCalledWith('zhouqian', ['repair', 'complaint']));
    expect(await screen.findByText('技能已保存')).toBeInTheDocument();
  });

  test('a manager sets skills but only reads the routing', async () => {
    renderWithProviders(<RoutingPanel />, { user: MANAGER });
    await screen.findAllByTestId('category-row');
    expect(screen.queryByTestId('routing-save')).not.toBeInTheDocument();
    expect(screen.queryByTestId('category-add')).not.toBeInTheDocument();
    expect(screen.getByTestId('routing-strategy-manual')).toBeDisabled();
    expect(await screen.findAllByTestId('agent-skills')).toHaveLength(3);
  });

  test('anyone else reads everything', async () => {
    renderWithProviders(<RoutingPanel />, { user: SALES_REP });
    const rows = await screen.findAllByTestId('agent-row');
    expect(screen.queryByTestId('agent-skills')).not.toBeInTheDocument();
    await waitFor(() => expect(rows[1]).toHaveTextContent('维修'));
    expect(rows[0]).toHaveTextContent('不限分类');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByTestId('routing-by-skill')).toBeDisabled();
  });
});
