// Driving antd's composite controls the way a user does: open a Select and click an option,
// confirm the open Popconfirm. Both render in portals outside the component under test.
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

/** Opens the Select (its wrapper carries the test id) and picks the option with this text. */
export async function chooseOption(user: UserEvent, select: HTMLElement, option: string) {
  await user.click(within(select).getByRole('combobox'));
  const options = await screen.findAllByRole('option', { hidden: true });
  const wanted = options.find((o) => o.textContent === option) ?? screen.getByTitle(option);
  await user.click(wanted);
}

/** The button of the open Popconfirm whose name matches (antd spaces two-character labels). */
export async function popconfirmButton(name: RegExp): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector('.ant-popconfirm')).not.toBeNull());
  return within(document.querySelector<HTMLElement>('.ant-popconfirm')!).getByRole('button', { name });
}
