/** Placeholder until built: the customer's tickets on the 360 page. */
export function CustomerTicketsCard(_props: { customerId: string; readOnly?: boolean }) {
  return null;
}
