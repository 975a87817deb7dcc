/**
 * Query parameters that only say how a reader arrived — a campaign, an ad click, an e-mail, a
 * share button, a feed reader — and never which content a page shows. The URL key (url.ts) drops
 * them, so one article has one key whatever link led to it. docs/ARCHITECTURE.md ("URL keys")
 * publishes the list.
 *
 * Sources: Brave's query filter (brave-core, components/query_filter/utils.cc) and Firefox's
 * query stripping list (privacy.query_stripping.strip_list) for click and e-mail identifiers; the
 * analytics vendors' documented campaign parameters (Google Analytics `utm_*`, Matomo `mtm_*` and
 * `pk_*`, AT Internet `xtor` and `at_*`, Webtrekk/Mapp `wt_*`, Comscore `ns_*`, Adobe `s_cid`,
 * `icid`, HubSpot `_hs*`/`hsa_*`, Mailchimp `mc_*`, Marketo `mkt_tok`); and tags news sites and
 * feed readers add, seen on the pages of `../shared/data/pages` (`?maca=` Deutsche Welle,
 * `?rss`, `?rssfeed=true`, `?ref=rss`, `?cmpid=`, `?smid=` The New York Times). A parameter that
 * can select content (`id`, `p`, `page`, `seite`, `section`, `q`, `channel`…) is never listed.
 */

/** Parameter name prefixes (compared in lower case). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'mtm_', 'pk_', 'itm_', 'at_', 'ns_', 'wt_', 'wt.', 'hsa_', '__hs', 'oft_', 'fb_'];

/** Whole parameter names (compared in lower case). */
export const TRACKING_PARAMS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  // Ad and social click identifiers
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ymclid', 'ysclid', 'twclid', 'ttclid',
  'li_fat_id', 'igshid', 'igsh', 'srsltid', 'irclickid', 'rb_clickid', 'unicorn_click_id', 'dicbo', 'tblci', 'epik',
  '_bhlid', '_branch_match_id', '_branch_referrer', '_kx', '_ke', '_openstat', '__s', 's_kwcid',
  // E-mail and marketing-automation identifiers
  'mc_cid', 'mc_eid', 'mkt_tok', '_hsenc', '_hsmi', 'hsctatracking', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv',
  'bsft_clkid', 'bsft_uid', 'bbeml', 'et_rid', 'vgo_ee', 'wickedid', 'ss_email_id', 'sc_customer', 'sc_eh', 'sc_uid',
  'ml_subscriber', 'ml_subscriber_hash', 'ck_subscriber_id',
  // Analytics cookies passed in links, campaign and referral tags
  '_ga', '_gl', 's_cid', 'icid', 'ocid', 'ncid', 'cmpid', 'cmp', 'smid', 'smtyp', 'sr_share', 'soc_src', 'soc_trk', 'spm',
  'mbid', 'xtor', 'ito', 'maca', 'share', 'ref', 'ref_src', 'ref_url', 'referrer', 'referer', 'rss', 'rssfeed',
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
  // TYPO3's cache hash: a checksum of the other parameters, not content of its own.
  'chash',
  // AMP switches: the AMP rendering of an article is the same article.
  'amp', '_amp', 'usqp', 'amp_js_v', 'amp_gsa',
]);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
