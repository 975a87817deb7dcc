// Unit tests run in Node: IndexedDB comes from fake-indexeddb, browser APIs from WXT's fakeBrowser.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
