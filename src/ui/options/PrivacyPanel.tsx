/** A short, true statement of what is stored and that nothing leaves the machine. */
export function PrivacyPanel() {
  return (
    <section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">What is stored, and where</h2>
      <p>
        Articles you import, feed items you subscribe to and — if you allow it above — the articles you read are kept in this browser's local database. Looking up
        related coverage happens entirely on this computer: no server of ours exists, and what you read never leaves your machine. The only network requests the
        extension makes are the feed refreshes you ask for (and thumbnails, if you turn them on).
      </p>
    </section>
  );
}
