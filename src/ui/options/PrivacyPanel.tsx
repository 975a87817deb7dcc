import { currentBrowser } from '../../platform/browser';

/** A short, true statement of what is stored and that nothing leaves the machine. */
export function PrivacyPanel() {
  return (
    <section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">What is stored, and where</h2>
      <p>
        Everything stays in this browser, on this computer: the articles you import, items from the feeds you subscribe to, your feed subscriptions, your settings
        and — if you allow it above — the articles you read and when. Finding related coverage, the toolbar badge and the new-tab digest all work from that local
        store. There is no server of ours, no account, no analytics, and nothing is synced.
      </p>
      <p>The extension itself makes only these requests, and only because you asked:</p>
      <ul>
        <li>feed refreshes, to the sites whose feeds you subscribed to ({currentBrowser.feedSiteAccess});</li>
        <li>thumbnails, from publishers' image servers, only if “Show thumbnails” is on.</li>
      </ul>
      <p>
        An export is a file written to your own disk when you press Export; it holds everything above, including what you read. “Delete all articles” removes the
        articles from this browser for good.
      </p>
    </section>
  );
}
