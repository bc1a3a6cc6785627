import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { SALES_REP } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { StagesPanel } from './StagesPanel';
import { STAGES } from './opportunityFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const WITH_COUNTS = STAGES.map((s) => ({ ...s, opportunityCount: s.key === 'needs' ? 4 : 0 }));
const input = (s: (typeof STAGES)[number]) => ({ id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, probability: s.probability, outcome: s.outcome });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.stageList.mockResolvedValue(WITH_COUNTS);
});

describe('the stages panel', () => {
  test('the administrator edits, reorders, adds and removes stages and saves the whole list', async () => {
    const user = userEvent.setup();
    mock.stageSave.mockImplementation((stages) =>
      Promise.resolve(stages.map((s, i) => ({ ...s, id: s.id ?? 'stage-new', key: s.id ?? 'stage-new', position: i + 1, opportunityCount: 0 }))),
    );
    renderWithProviders(<StagesPanel />);
    await screen.findAllByTestId('stage-row');
    expect(screen.getByTestId('stages-save')).toBeDisabled();

    // Rename the first stage and raise the probability of the second.
    await user.clear(screen.getByTestId('stage-name-zh-0'));
    await user.type(screen.getByTestId('stage-name-zh-0'), '初次接触');
    await user.clear(screen.getByTestId('stage-probability-1'));
    await user.type(screen.getByTestId('stage-probability-1'), '35');
    // Negotiation before proposal; won and lost cannot be moved among the open stages.
    await user.click(screen.getByTestId('stage-up-3'));
    expect(screen.getByTestId('stage-up-4')).toBeDisabled();
    expect(screen.getByTestId('stage-remove-4')).toBeDisabled();
    // A new open stage lands after the last open one, halfway from its probability (50%) to 100%.
    await user.click(screen.getByTestId('stage-add'));
    await user.type(screen.getByTestId('stage-name-zh-4'), '合同审批');
    await user.type(screen.getByTestId('stage-name-en-4'), 'Contract review');
    // And the first stage goes.
    await user.click(screen.getByTestId('stage-remove-0'));
    await user.click(screen.getByTestId('stages-save'));

    await waitFor(() => expect(mock.stageSave).toHaveBeenCalledTimes(1));
    const [, needs, proposal, negotiation, won, lost] = STAGES;
    expect(mock.stageSave.mock.calls[0][0]).toEqual([
      { ...input(needs), probability: 35 },
      input(negotiation),
      input(proposal),
      { id: null, nameZh: '合同审批', nameEn: 'Contract review', probability: 75, outcome: 'open' },
      input(won),
      input(lost),
    ]);
    await waitFor(() => expect(screen.getByTestId('stages-save')).toBeDisabled());
  });

  test('shows why the core refused the list', async () => {
    const user = userEvent.setup();
    mock.stageSave.mockRejectedValue(
      new IpcFailure('invalid_input', "stage 'Needs confirmed' still holds 4 opportunities; move them to another stage before removing it"),
    );
    renderWithProviders(<StagesPanel />);
    await screen.findAllByTestId('stage-row');
    await user.click(screen.getByTestId('stage-remove-1'));
    await user.click(screen.getByTestId('stages-save'));
    expect(await screen.findByTestId('stages-error')).toHaveTextContent('still holds 4 opportunities');
    // What was edited stays, to fix and save again.
    expect(screen.getAllByTestId('stage-row')).toHaveLength(5);
  });

  test('anyone else sees the stages without editing them', async () => {
    renderWithProviders(<StagesPanel />, { user: SALES_REP });
    const rows = await screen.findAllByTestId('stage-row');
    expect(rows).toHaveLength(6);
    expect(rows[1]).toHaveTextContent('需求确认');
    expect(rows[1]).toHaveTextContent('30%');
    expect(rows[1]).toHaveTextContent('4 个商机');
    expect(screen.queryByTestId('stages-save')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
