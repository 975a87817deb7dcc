/**
 * Where Chrome and Firefox differ at run time. The extension is one MV3 codebase: the same APIs
 * (`action`, `contextMenus`, `scripting`, `storage.session`, optional host permissions) work in
 * both, so what differs is small and lives here, chosen once per build — never as browser checks
 * spread through the code. (What differs in the manifest is in `./manifest.ts`.)
 */

export type BrowserName = 'chrome' | 'firefox';

export interface BrowserTraits {
  name: BrowserName;
  /** The browser's name as users know it. */
  label: string;
  /** How the address bar reads an omnibox suggestion's description: Chrome parses XML
   * (`<match>`, `<dim>`, entities); Firefox shows the text as it is. */
  omniboxMarkup: 'xml' | 'plain';
  /** How a feed's site comes to be readable: Chrome asks for each site when the user subscribes;
   * Firefox counts the article detector's access to all websites (granted at install) as host
   * access, and asks site by site only if the user has limited the add-on's site access. */
  feedSiteAccess: string;
}

const TRAITS: Record<BrowserName, BrowserTraits> = {
  chrome: {
    name: 'chrome',
    label: 'Chrome',
    omniboxMarkup: 'xml',
    feedSiteAccess: 'Chrome asks you to allow each feed’s site when you subscribe',
  },
  firefox: {
    name: 'firefox',
    label: 'Firefox',
    omniboxMarkup: 'plain',
    feedSiteAccess: 'Firefox asks you to allow a feed’s site only if you have limited the add-on’s access to websites',
  },
};

export function traitsOf(name: BrowserName): BrowserTraits {
  return TRAITS[name];
}

/** The browser this build is for (WXT sets `import.meta.env.FIREFOX` from `wxt build -b`). */
export const currentBrowser: BrowserTraits = traitsOf(import.meta.env.FIREFOX ? 'firefox' : 'chrome');
