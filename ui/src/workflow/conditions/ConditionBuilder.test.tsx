import { useState } from 'react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Condition, ConditionField } from '../../ipc/client';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { DEFAULT_RULES, OPPORTUNITY_FIELDS, TICKET_FIELDS } from '../workflowFixtures';
import { ConditionBuilder } from './ConditionBuilder';

/** The builder as a page holds it: its value in state, every change also reported. */
function Holder({ initial, fields, onChange }: { initial: Condition; fields: ConditionField[]; onChange: (c: Condition) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ConditionBuilder
      value={value}
      fields={fields}
      tagNames={['重点跟进', '老客户']}
      onChange={(c) => {
        setValue(c);
        onChange(c);
      }}
    />
  );
}

const last = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls[fn.mock.calls.length - 1][0] as Condition;
const testRow = (i: number) => screen.getAllByTestId('condition-test')[i];
/** Opens the test's operator Select and reads its options (rc-select gives every list one id in tests). */
async function opOptions(user: ReturnType<typeof userEvent.setup>, row: HTMLElement): Promise<string[]> {
  const input = within(within(row).getByTestId('condition-op')).getByRole('combobox');
  await user.click(input);
  await waitFor(() => expect(input).toHaveAttribute('aria-expanded', 'true'));
  const popup = document.querySelector('.condition-op-popup');
  return [...(popup?.querySelectorAll('.ant-select-item-option') ?? [])].map((o) => o.textContent ?? '');
}

beforeEach(async () => {
  await applyLanguage('zh-CN');
});

describe('the condition builder', () => {
  test('shows a stored condition: its group, each test’s field, operator and values', () => {
    renderWithProviders(<Holder initial={DEFAULT_RULES[0].condition} fields={TICKET_FIELDS} onChange={vi.fn()} />);
    expect(screen.getByTestId('condition-group-mode')).toHaveTextContent('全部满足');
    expect(screen.getAllByTestId('condition-test')).toHaveLength(2);
    expect(within(testRow(0)).getByTestId('condition-field')).toHaveTextContent('客户阶段');
    expect(within(testRow(0)).getByTestId('condition-op')).toHaveTextContent('是');
    expect(within(testRow(0)).getByTestId('condition-value')).toHaveTextContent('VIP');
    expect(within(testRow(1)).getByTestId('condition-value')).toHaveTextContent('低普通');
  });

  test('adds and removes tests and groups, and switches a group to any / none of', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(<Holder initial={DEFAULT_RULES[0].condition} fields={TICKET_FIELDS} onChange={onChange} />);

    await user.click(screen.getByTestId('condition-add-test'));
    expect(last(onChange)).toMatchObject({ kind: 'all', items: [{}, {}, { kind: 'test', field: 'subject', op: 'is', values: [] }] });

    await user.click(screen.getByTestId('condition-add-group'));
    const nested = last(onChange);
    expect(nested).toMatchObject({ kind: 'all', items: [{}, {}, {}, { kind: 'any', items: [{ kind: 'test', field: 'subject' }] }] });
    expect(screen.getAllByTestId('condition-group')).toHaveLength(2);
    expect(screen.getAllByTestId('condition-group')[1]).toHaveAttribute('data-depth', '1');

    // The first test goes; then the nested group.
    await user.click(within(testRow(0)).getByTestId('condition-remove'));
    expect(last(onChange)).toMatchObject({ kind: 'all', items: [{ field: 'priority' }, { field: 'subject' }, { kind: 'any' }] });
    await user.click(screen.getByTestId('condition-remove-group'));
    expect(last(onChange)).toMatchObject({ kind: 'all', items: [{ field: 'priority' }, { field: 'subject' }] });
    expect(screen.getAllByTestId('condition-group')).toHaveLength(1);

    await chooseOption(user, screen.getByTestId('condition-group-mode'), '都不满足');
    expect(last(onChange)).toEqual({
      kind: 'not',
      item: { kind: 'any', items: [
        { kind: 'test', field: 'priority', op: 'is', values: ['low', 'normal'] },
        { kind: 'test', field: 'subject', op: 'is', values: [] },
      ] },
    });
    expect(screen.getByText('以下条件都不成立')).toBeInTheDocument();
  });

  test('offers only the operators of the field’s kind, and the value input that fits', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(
      <Holder initial={{ kind: 'all', items: [{ kind: 'test', field: 'name', op: 'contains', values: ['仓储'] }] }} fields={OPPORTUNITY_FIELDS} onChange={onChange} />,
    );
    // Text: any of several typed values.
    expect(await opOptions(user, testRow(0))).toEqual(['是', '不是', '包含', '为空', '不为空']);
    await user.keyboard('{Escape}');

    // A number field compares with one number.
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '金额');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'amount', op: 'is', values: [] }] });
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '大于等于');
    await user.type(within(testRow(0)).getByTestId('condition-value'), '50000');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'amount', op: 'gte', values: ['50000'] }] });

    // A date: a number of days for the relative tests, a day for after / before, nothing for empty.
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '预计成交');
    expect(await opOptions(user, testRow(0))).toEqual([
      '早于 N 天前', '最近 N 天内', '未来 N 天内', '晚于', '早于', '为空', '不为空',
    ]);
    await user.click(screen.getByTitle('未来 N 天内'));
    expect(within(testRow(0)).getByText('天')).toBeInTheDocument();
    await user.type(within(testRow(0)).getByTestId('condition-value'), '7');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'expected_close', op: 'within_next_days', values: ['7'] }] });
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '晚于');
    expect(last(onChange)).toMatchObject({ items: [{ op: 'gt', values: [] }] });
    expect(within(testRow(0)).getByPlaceholderText('选择日期')).toBeInTheDocument();
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '为空');
    expect(within(testRow(0)).queryByTestId('condition-value')).not.toBeInTheDocument();

    // A choice field picks among its options (empty still fits it, so it stays until changed).
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '阶段结果');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'stage_outcome', op: 'is_empty', values: [] }] });
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '是');
    await chooseOption(user, within(testRow(0)).getByTestId('condition-value'), '赢单');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'stage_outcome', op: 'is', values: ['won'] }] });
  });

  test('tag tests take tags, suggested from the tags there are', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(<Holder initial={{ kind: 'all', items: [] }} fields={TICKET_FIELDS} onChange={onChange} />);
    expect(screen.getByText('还没有条件：任何记录都符合')).toBeInTheDocument();
    await user.click(screen.getByTestId('condition-add-test'));
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '客户标签');
    expect(await opOptions(user, testRow(0))).toEqual(['含任一', '全部包含', '都不含']);
    await user.keyboard('{Escape}');
    await user.click(within(within(testRow(0)).getByTestId('condition-value')).getByRole('combobox'));
    const suggested = await waitFor(() => {
      const options = [...document.querySelectorAll('.condition-value-popup .ant-select-item-option')];
      expect(options.map((o) => o.textContent)).toEqual(['重点跟进', '老客户']);
      return options;
    });
    await user.click(suggested[1]);
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'customer.tags', op: 'has_any', values: ['老客户'] }] });
  });

  test('read-only shows the condition without editing controls', () => {
    renderWithProviders(<ConditionBuilder value={DEFAULT_RULES[0].condition} fields={TICKET_FIELDS} onChange={vi.fn()} disabled />);
    expect(screen.getAllByTestId('condition-test')).toHaveLength(2);
    expect(screen.queryByTestId('condition-add-test')).not.toBeInTheDocument();
    expect(screen.queryByTestId('condition-remove')).not.toBeInTheDocument();
  });
});
