// The one door to the Rust core. Components call `ipc.*` and get plain data or an `IpcFailure`;
// nothing else in the UI imports the generated bindings or @tauri-apps/api.
import { commands, events } from './bindings';
import type { DataChanged, ErrorCode, IpcError } from './bindings';

export type * from './bindings';

/** A command the core refused or could not run; `code` says what kind, `message` says why. */
export class IpcFailure extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcFailure';
    this.code = code;
  }
}

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError };

/** Tauri itself rejects with a bare string (e.g. an unknown command); treat that as internal. */
function toFailure(error: unknown): IpcFailure {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as Partial<IpcError>;
    return new IpcFailure(e.code ?? 'internal', String(e.message));
  }
  return new IpcFailure('internal', String(error));
}

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (result.status === 'ok') return result.data;
  throw toFailure(result.error);
}

type Commands = typeof commands;
type DataOf<R> = R extends Promise<Result<infer T>> ? T : never;
export type Ipc = {
  [K in keyof Commands]: (...args: Parameters<Commands[K]>) => Promise<DataOf<ReturnType<Commands[K]>>>;
};

/** Every generated command, unwrapped: resolves with the data or rejects with an IpcFailure. */
export const ipc = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    (...args: unknown[]) => unwrap((command as (...a: unknown[]) => Promise<Result<unknown>>)(...args)),
  ]),
) as Ipc;

/** Calls `handler` for every change the core announces; resolves to the function that stops it. */
export function onDataChanged(handler: (change: DataChanged) => void): Promise<() => void> {
  return events.dataChanged.listen((event) => handler(event.payload));
}

/** The message to show for any error a query or mutation ended with. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isFailure(error: unknown, code: ErrorCode): error is IpcFailure {
  return error instanceof IpcFailure && error.code === code;
}
