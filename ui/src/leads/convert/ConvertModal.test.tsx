import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type CustomerInput, type CustomerMatch } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { SALES_REP } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { ConvertModal } from './ConvertModal';
import { STAGES, lead } from '../leadFixtures';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const LEAD = lead({ status: 'following_up', owner: 'lina', ownerName: '李娜', allowedActions: ['convert'] });
const DRAFT: CustomerInput = {
  name: '深圳创新科技有限公司', kind: 'enterprise', lifecycle: 'potential', company: '深圳创新科技有限公司', country: '中国',
  province: '广东', city: '深圳', owner: 'lina', notes: null, phones: [], emails: [],
};
const MATCH: CustomerMatch = {
  id: 'c-7', name: '深圳创新科技', company: '深圳创新科技有限公司', city: '深圳', phones: ['13900001111'], emails: [],
  reasons: ['phone', 'company'],
};

const onClose = vi.fn();
const open = () => renderWithProviders(<ConvertModal lead={LEAD} onClose={onClose} />, { user: SALES_REP });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.leadCustomerDraft.mockResolvedValue(DRAFT);
  mock.leadMatches.mockResolvedValue([]);
  mock.stageList.mockResolvedValue(STAGES);
  mock.leadConvert.mockResolvedValue({ lead: { ...LEAD, status: 'converted' }, customerId: 'c-new', contactId: 'p-1', opportunityId: 'o-1' });
});

describe('ConvertModal', () => {
  test('into a new customer with the lead’s person as contact and an opportunity, the amount in minor units', async () => {
    const user = userEvent.setup();
    open();
    // No look-alikes: a new customer is the choice, filled from the core's draft.
    expect(await screen.findByTestId('convert-customer-name')).toHaveValue('深圳创新科技有限公司');
    expect(screen.getByTestId('convert-create-contact')).toBeChecked();
    expect(screen.queryByTestId('convert-opportunity-name')).toBeNull();

    await user.click(screen.getByTestId('convert-with-opportunity'));
    const name = await screen.findByTestId('convert-opportunity-name');
    expect(name).toHaveValue('深圳创新科技有限公司 商机');
    await user.clear(name);
    await user.type(name, '产线改造项目');
    await user.type(screen.getByTestId('convert-opportunity-amount'), '12,000.5');
    await chooseOption(user, screen.getByTestId('convert-opportunity-stage'), '方案报价 · 40%');
    await user.click(screen.getByTestId('convert-submit'));

    await waitFor(() => expect(mock.leadConvert).toHaveBeenCalledTimes(1));
    expect(mock.leadConvert).toHaveBeenCalledWith('l-1', {
      existingCustomerId: null,
      newCustomer: { ...DRAFT, company: '深圳创新科技有限公司', province: '广东', city: '深圳' },
      createContact: true,
      opportunity: {
        name: '产线改造项目', stageId: 's-proposal', amount: 1200050, currency: 'CNY', expectedClose: null, items: [], notes: null,
      },
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  test('a click beside the dialog keeps it open with what was typed', async () => {
    const user = userEvent.setup();
    open();
    const name = await screen.findByTestId('convert-customer-name');
    await user.clear(name);
    await user.type(name, '花果山');
    const wrap = document.querySelector('.ant-modal-wrap');
    expect(wrap).not.toBeNull();
    await user.click(wrap as HTMLElement);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('convert-customer-name')).toHaveValue('花果山');
  });

  test('the stage starts at the first open stage, and a bad amount is refused before sending', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByTestId('convert-with-opportunity'));
    expect(await screen.findByTestId('convert-opportunity-stage')).toHaveTextContent('初步接洽 · 10%');
    await user.type(screen.getByTestId('convert-opportunity-amount'), '12.345');
    await user.click(screen.getByTestId('convert-submit'));
    expect(await screen.findByText('请输入金额，最多两位小数，如 12000.50')).toBeInTheDocument();
    expect(mock.leadConvert).not.toHaveBeenCalled();
  });

  test('an individual customer gets no contact: the option is unticked and not sent', async () => {
    const user = userEvent.setup();
    open();
    await screen.findByTestId('convert-customer-name');
    await user.click(screen.getByText('个人'));
    expect(screen.getByTestId('convert-create-contact')).not.toBeChecked();
    expect(screen.getByTestId('convert-create-contact')).toBeDisabled();
    await user.click(screen.getByTestId('convert-submit'));
    await waitFor(() => expect(mock.leadConvert).toHaveBeenCalledTimes(1));
    expect(mock.leadConvert.mock.calls[0][1]).toMatchObject({ createContact: false, opportunity: null, newCustomer: { kind: 'individual' } });
  });

  test('into an existing customer it matches: the user must choose, and only the id goes', async () => {
    const user = userEvent.setup();
    mock.leadMatches.mockResolvedValue([MATCH]);
    open();
    const match = await screen.findByTestId('convert-match');
    expect(match).toHaveAttribute('data-customer-id', 'c-7');
    expect(match).toHaveTextContent('电话相同');
    expect(match).toHaveTextContent('公司相同');
    // With a look-alike nothing is chosen for the user.
    expect(screen.queryByTestId('convert-customer-name')).toBeNull();
    await user.click(screen.getByTestId('convert-submit'));
    expect(await screen.findByText('请选择已有客户或新建客户')).toBeInTheDocument();

    await user.click(match);
    expect(match).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByTestId('convert-submit'));
    await waitFor(() =>
      expect(mock.leadConvert).toHaveBeenCalledWith('l-1', {
        existingCustomerId: 'c-7', newCustomer: null, createContact: true, opportunity: null,
      }),
    );
  });
});
