import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// antd measures the window and watches media queries; jsdom has neither.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
window.scrollTo = () => {};

afterEach(() => cleanup());

// jsdom cannot compute styles of pseudo-elements (antd asks for scrollbar sizes); the element's
// own style is a fine answer for tests.
const ownComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => ownComputedStyle(element);
