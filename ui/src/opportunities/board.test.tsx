import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { OpportunityBoardPage } from './OpportunityBoardPage';
import { board, opportunity, stageRef, STAGES } from './opportunityFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const MINE = opportunity({ id: 'o-1', name: '年度设备采购' });
const THEIRS = opportunity({ id: 'o-2', name: '仓储系统升级', owner: 'lina', ownerName: '李娜', mayEdit: false, stage: stageRef('needs') });

/** jsdom has no DataTransfer; the board only needs to store and read strings. */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    effectAllowed: 'all',
    dropEffect: 'none',
    types: [] as string[],
  };
}

function drag(card: HTMLElement, column: HTMLElement) {
  const transfer = dataTransfer();
  fireEvent.dragStart(card, { dataTransfer: transfer });
  fireEvent.dragEnter(column, { dataTransfer: transfer });
  fireEvent.dragOver(column, { dataTransfer: transfer });
  fireEvent.drop(column, { dataTransfer: transfer });
  fireEvent.dragEnd(card, { dataTransfer: transfer });
}

const card = (id: string) => screen.getAllByTestId('opportunity-card').find((c) => c.dataset.opportunityId === id)!;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.opportunityBoard.mockResolvedValue(board([MINE, THEIRS]));
  mock.stageList.mockResolvedValue(STAGES);
});

describe('the opportunity board', () => {
  test('shows a column per stage with its count and totals, and the cards in them', async () => {
    renderWithProviders(<OpportunityBoardPage />);
    const initial = await screen.findByTestId('board-column-initial');
    expect(initial).toHaveTextContent('初步沟通');
    expect(initial).toHaveTextContent('10%');
    expect(within(initial).getByTestId('board-column-count')).toHaveTextContent('1');
    expect(initial).toHaveTextContent('¥12,000.50');
    expect(within(initial).getByTestId('opportunity-card')).toHaveTextContent('年度设备采购');
    expect(within(screen.getByTestId('board-column-needs')).getByTestId('opportunity-card')).toHaveTextContent('仓储系统升级');
    expect(mock.opportunityBoard).toHaveBeenCalledWith(null, 50);
  });

  test('dropping a card on another column moves it there', async () => {
    // The core has not answered yet: the card is in its new column all the same.
    mock.opportunityMove.mockReturnValue(new Promise(() => {}));
    renderWithProviders(<OpportunityBoardPage />);
    await screen.findAllByTestId('opportunity-card');

    drag(card('o-1'), screen.getByTestId('board-column-proposal'));

    await waitFor(() => expect(mock.opportunityMove).toHaveBeenCalledWith('o-1', 'stage-proposal', null));
    const proposal = screen.getByTestId('board-column-proposal');
    await waitFor(() => expect(within(proposal).getByText('年度设备采购')).toBeInTheDocument());
    expect(within(proposal).getByTestId('board-column-count')).toHaveTextContent('1');
    expect(proposal).toHaveTextContent('50%');
    expect(within(screen.getByTestId('board-column-initial')).queryByText('年度设备采购')).not.toBeInTheDocument();
  });

  test('dropping on the lost column asks why, and sends the reason', async () => {
    const user = userEvent.setup();
    mock.opportunityMove.mockResolvedValue({ ...MINE, stage: stageRef('lost'), probability: 0, lostReason: '价格高于竞品' });
    renderWithProviders(<OpportunityBoardPage />);
    await screen.findAllByTestId('opportunity-card');

    drag(card('o-1'), screen.getByTestId('board-column-lost'));

    const reason = await screen.findByTestId('lost-reason-input');
    expect(mock.opportunityMove).not.toHaveBeenCalled();
    expect(screen.getByTestId('lost-reason-submit')).toBeDisabled();
    await user.type(reason, '价格高于竞品');
    await user.click(screen.getByTestId('lost-reason-submit'));

    await waitFor(() => expect(mock.opportunityMove).toHaveBeenCalledWith('o-1', 'stage-lost', '价格高于竞品'));
  });

  test('a card the user may not edit cannot be dragged', async () => {
    renderWithProviders(<OpportunityBoardPage />);
    await screen.findAllByTestId('opportunity-card');
    expect(card('o-2')).toHaveAttribute('draggable', 'false');
    expect(card('o-1')).toHaveAttribute('draggable', 'true');

    drag(card('o-2'), screen.getByTestId('board-column-proposal'));
    await new Promise((r) => setTimeout(r, 20));
    expect(mock.opportunityMove).not.toHaveBeenCalled();
  });

  test('a refused move is reported and the board asked again', async () => {
    mock.opportunityMove.mockRejectedValue(new IpcFailure('forbidden', 'only its owner or a manager may change it'));
    renderWithProviders(<OpportunityBoardPage />);
    await screen.findAllByTestId('opportunity-card');
    const loads = mock.opportunityBoard.mock.calls.length;

    drag(card('o-1'), screen.getByTestId('board-column-won'));

    expect(await screen.findByTestId('move-error')).toHaveTextContent('only its owner or a manager may change it');
    await waitFor(() => expect(mock.opportunityBoard.mock.calls.length).toBeGreaterThan(loads));
    await waitFor(() => expect(within(screen.getByTestId('board-column-initial')).getByText('年度设备采购')).toBeInTheDocument());
  });

  test('"mine only" asks the board for the signed-in user’s opportunities', async () => {
    const user = userEvent.setup();
    renderWithProviders(<OpportunityBoardPage />);
    await screen.findAllByTestId('opportunity-card');
    await user.click(screen.getByTestId('mine-only'));
    await waitFor(() => expect(mock.opportunityBoard).toHaveBeenCalledWith('admin', 50));
  });

  test('the list view pages through the opportunities of the chosen stages', async () => {
    const user = userEvent.setup();
    mock.opportunityList
      .mockResolvedValueOnce({ items: [MINE], nextCursor: 'next' })
      .mockResolvedValueOnce({ items: [THEIRS], nextCursor: null });
    renderWithProviders(<OpportunityBoardPage />, { route: '/opportunities?view=list&stage=stage-initial&stage=stage-needs' });

    expect(await screen.findByText('年度设备采购')).toBeInTheDocument();
    expect(mock.opportunityList).toHaveBeenCalledWith({ stageIds: ['stage-initial', 'stage-needs'], owner: null, limit: 50, cursor: null });
    await user.click(screen.getByTestId('list-load-more'));
    expect(await screen.findByText('仓储系统升级')).toBeInTheDocument();
    expect(mock.opportunityList).toHaveBeenLastCalledWith({ stageIds: ['stage-initial', 'stage-needs'], owner: null, limit: 50, cursor: 'next' });
  });
});
