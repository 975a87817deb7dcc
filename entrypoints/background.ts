import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground, registerBackground } from '../src/background/create-background';

/** e2e build only: tests hold the worker at a named point (to stop it there); zero elsewhere. */
const testPauses: Record<string, number> = {};
/** The points where this worker was held (tests stop it only once it is). */
const testPausedAt: string[] = [];
async function testPause(point: string): Promise<void> {
  const ms = testPauses[point] ?? 0;
  if (ms <= 0) return;
  testPausedAt.push(point);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

// Every start of the worker (or Firefox's event page): build the managers, register their listeners.
export default defineBackground(() => {
  const background = createBackground(browser, import.meta.env.MODE === 'e2e' ? { pause: testPause } : {});
  void registerBackground(browser, background);

  // e2e build only: menus cannot be clicked headless, so the tests dispatch clicks here; the
  // worker-stop and upgrade tests read the store and the upkeep, and hold the worker at a point.
  if (import.meta.env.MODE === 'e2e')
    Object.assign(globalThis, {
      rotsTest: { menuClick: background.onMenuClick, omnibox: background.omnibox, store: background.store, upkeep: background.upkeep, pauses: testPauses, pausedAt: testPausedAt },
    });
});
