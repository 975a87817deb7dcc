/**
 * After a single-page site changes its URL, its new title and metadata arrive a moment later.
 * Waits until the document head has been quiet for `quietMs` (at most `maxMs`), then calls back.
 */
export function afterHeadSettles(doc: Document, callback: () => void, quietMs = 300, maxMs = 3000): () => void {
  let done = false;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  const finish = (): void => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    callback();
  };
  const observer = new MutationObserver(() => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(finish, quietMs);
  });
  observer.observe(doc.head ?? doc.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  quietTimer = setTimeout(finish, quietMs);
  const maxTimer = setTimeout(finish, maxMs);
  return () => {
    done = true;
    observer.disconnect();
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
  };
}
