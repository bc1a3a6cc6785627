/** Placeholder until built: the notification center in the header. */
export function NotificationBell() {
  return null;
}
