/** What a page says while the store is not ready (from the background's 'store-status'). */
import type { StoreStatus } from '../messaging/protocol';
import { formatCount } from '../shared/format';

export function describeStoreStatus(status: StoreStatus): string | null {
  switch (status.state) {
    case 'ready':
      return null;
    case 'opening':
      return 'Opening your store…';
    case 'blocked':
      return 'Updating your store: waiting for a page of the previous version of the extension to close (close or reload other extension tabs).';
    case 'updating':
      return status.total > 0
        ? `Updating your store after an update of the extension: ${status.describe.toLowerCase()}, ${formatCount(status.done)} of ${formatCount(status.total)}. Everything stored is kept.`
        : `Updating your store after an update of the extension: ${status.describe.toLowerCase()}. Everything stored is kept.`;
    case 'error':
      return `Your store could not be opened: ${status.error}`;
  }
}
