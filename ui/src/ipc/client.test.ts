import { afterEach, describe, expect, test, vi } from 'vitest';
import { IpcFailure, errorMessage, ipc, isFailure, onDataChanged } from './client';

// No module is mocked here: the real bindings call window.__TAURI_INTERNALS__, which stands in
// for the Tauri runtime the way @tauri-apps/api/mocks does.
type Invoke = (cmd: string, args: Record<string, unknown>) => Promise<unknown>;
function installRuntime(invoke: Invoke) {
  const callbacks = new Map<number, (data: unknown) => void>();
  let next = 1;
  Object.assign(window, {
    __TAURI_INTERNALS__: {
      invoke: vi.fn(invoke),
      transformCallback: (cb: (data: unknown) => void) => {
        callbacks.set(next, cb);
        return next++;
      },
      unregisterCallback: (id: number) => callbacks.delete(id),
    },
    __TAURI_EVENT_PLUGIN_INTERNALS__: { unregisterListener: () => {} },
  });
  return callbacks;
}

afterEach(() => {
  Reflect.deleteProperty(window, '__TAURI_INTERNALS__');
});

describe('ipc client', () => {
  test('passes arguments by name and resolves with the data', async () => {
    installRuntime((cmd, args) => Promise.resolve(cmd === 'customer_count' ? 42 : args));
    await expect(ipc.customerCount({ trash: true })).resolves.toBe(42);
    await expect(ipc.searchCustomers('zhang', 20)).resolves.toEqual({ query: 'zhang', limit: 20 });
  });

  test('turns a refused command into an IpcFailure with the code and message', async () => {
    // The runtime rejects with the serialised IpcError, a plain object, exactly like this.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    installRuntime(() => Promise.reject({ code: 'conflict', message: 'changed elsewhere' }));
    const error: unknown = await ipc.customerDelete('c-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcFailure);
    expect(error).toBeInstanceOf(Error);
    expect(isFailure(error, 'conflict')).toBe(true);
    expect(isFailure(error, 'not_found')).toBe(false);
    expect(errorMessage(error)).toBe('changed elsewhere');
  });

  test('a bare string from Tauri itself becomes an internal failure', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    installRuntime(() => Promise.reject('command customer_get not found'));
    const error: unknown = await ipc.customerGet('c-1').catch((e: unknown) => e);
    expect(isFailure(error, 'internal')).toBe(true);
    expect(errorMessage(error)).toBe('command customer_get not found');
  });

  test('delivers data-changed payloads to the handler', async () => {
    const callbacks = installRuntime((cmd, args) => Promise.resolve(cmd === 'plugin:event|listen' ? args.handler : null));
    const handler = vi.fn();
    await onDataChanged(handler);
    for (const cb of callbacks.values()) cb({ event: 'data-changed', id: 1, payload: { entity: 'customer', ids: ['c-1'] } });
    expect(handler).toHaveBeenCalledWith({ entity: 'customer', ids: ['c-1'] });
  });
});
