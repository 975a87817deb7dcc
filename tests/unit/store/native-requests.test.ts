import { describe, expect, it } from 'vitest';
import { allRequests } from '../../../src/store/native-requests';

let n = 0;

function openStore(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`native-requests-${++n}`, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('rows', { keyPath: 'id' });
      for (const id of ['a', 'b', 'c']) store.put({ id, text: id.toUpperCase() });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('many native requests under one promise', () => {
  it('answers in the order asked, missing rows as undefined, and none at once', async () => {
    const db = await openStore();
    const rows = db.transaction('rows').objectStore('rows');
    const ids = ['c', 'x', 'a'];
    expect(await allRequests<{ text: string } | undefined>(ids.length, (i) => rows.get(ids[i]!), 'row read')).toEqual([{ id: 'c', text: 'C' }, undefined, { id: 'a', text: 'A' }]);
    expect(await allRequests(0, () => rows.get('a'), 'row read')).toEqual([]);
    db.close();
  });

  it('rejects with the failed request\'s error', async () => {
    const db = await openStore();
    const rows = db.transaction('rows', 'readwrite').objectStore('rows');
    // Adding a key that exists fails with ConstraintError.
    await expect(allRequests(2, (i) => rows.add({ id: i === 0 ? 'new' : 'b' }), 'row write')).rejects.toMatchObject({ name: 'ConstraintError' });
    db.close();
  });
});
