/**
 * A DOM for component tests in Node (linkedom), and Preact's act() to flush renders and effects.
 * Call `mount` in a test; `cleanup` unmounts.
 */
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
const globals = { window, document, Node: window.Node, Event: window.Event, HTMLElement: window.HTMLElement, requestAnimationFrame: (fn: () => void) => setTimeout(fn, 0) };
for (const [name, value] of Object.entries(globals)) {
  if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}
if (!('visibilityState' in document)) Object.defineProperty(document, 'visibilityState', { value: 'visible' });

let root: HTMLElement | null = null;

export async function mount(node: ComponentChild): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.appendChild(root);
  await act(() => render(node, root!));
  return root;
}

export async function cleanup(): Promise<void> {
  if (root === null) return;
  const element = root;
  await act(() => render(null, element));
  element.remove();
  root = null;
}

/** Lets pending promises settle and Preact re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

export function byTestId(container: ParentNode, id: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (element === null) throw new Error(`no element with data-testid="${id}"`);
  return element;
}

export function allByTestId(container: ParentNode, id: string): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}

export async function click(element: Element): Promise<void> {
  await act(() => void element.dispatchEvent(new window.Event('click', { bubbles: true })));
  await settle();
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  await act(() => void input.dispatchEvent(new window.Event('input', { bubbles: true })));
}

export async function submit(form: Element): Promise<void> {
  await act(() => void form.dispatchEvent(new window.Event('submit', { bubbles: true, cancelable: true })));
  await settle();
}

/** The value of attribute `name` in force for the innermost element holding exactly `text`: its
 * own, else its closest ancestor's (null where none sets it). */
export function attributeInForce(root: ParentNode, text: string, name: string): string | null {
  const element = [...root.querySelectorAll('*')].filter((node) => node.textContent === text).at(-1);
  if (element === undefined) throw new Error(`no element holds ${text}`);
  return element.closest(`[${name}]`)?.getAttribute(name) ?? null;
}
