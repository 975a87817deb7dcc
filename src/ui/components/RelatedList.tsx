import { Fragment } from 'preact';
import type { MatchReason, RelatedItem } from '../../related/types';
import { safeHttpUrl } from '../../shared';
import { fullDate, relativeTime } from '../../shared/format';
import { Thumbnail } from './Thumbnail';

interface Props {
  items: RelatedItem[];
  showThumbnails: boolean;
  now?: number;
}

/** Related coverage, one item per article: link, outlet, time, excerpt and why it is listed. */
export function RelatedList({ items, showThumbnails, now }: Props) {
  return (
    <ul class="related-list">
      {items.map((item) => (
        <RelatedEntry key={item.article.id} item={item} showThumbnails={showThumbnails} now={now} />
      ))}
    </ul>
  );
}

function RelatedEntry({ item, showThumbnails, now }: { item: RelatedItem; showThumbnails: boolean; now?: number | undefined }) {
  const { article } = item;
  const href = safeHttpUrl(article.url);
  return (
    <li class="related-item" data-testid="related-item">
      <Thumbnail image={article.image} label={article.providerName} load={showThumbnails} />
      <div class="related-body">
        {href === null ? (
          <span class="related-title" dir="auto" lang={article.lang}>
            {article.title}
          </span>
        ) : (
          // dir="auto" on stored text: an Arabic or Hebrew headline reads right to left, with its
          // punctuation at its own end, inside the page's left-to-right layout. lang (when known
          // for sure, ArticleView.lang): a screen reader reads it in its language, not the page's.
          <a class="related-title" dir="auto" lang={article.lang} href={href} target="_blank" rel="noopener noreferrer">
            {article.title}
          </a>
        )}
        <div class="related-meta">
          <span class="provider" dir="auto">
            {article.providerName}
          </span>
          {article.domain !== '' && article.domain !== article.providerName.toLowerCase() && <span class="domain">{article.domain}</span>}
          {article.publishedAt !== undefined && (
            <time dateTime={new Date(article.publishedAt).toISOString()} title={fullDate(article.publishedAt)}>
              {relativeTime(article.publishedAt, now)}
            </time>
          )}
        </div>
        {article.excerpt !== '' && <p class="related-excerpt" dir="auto" lang={article.lang}>
            {article.excerpt}
          </p>}
        <Reasons reasons={item.reasons} />
        {item.alsoIn.length > 0 && (
          <p class="also-in">
            Also in{' '}
            {item.alsoIn.map((outlet, i) => (
              <span key={outlet.url}>
                {i > 0 && ', '}
                <OutletLink name={outlet.name} url={outlet.url} />
              </span>
            ))}
          </p>
        )}
      </div>
    </li>
  );
}

function OutletLink({ name, url }: { name: string; url: string }) {
  const href = safeHttpUrl(url);
  return href === null ? (
    <span dir="auto">{name}</span>
  ) : (
    <a dir="auto" href={href} target="_blank" rel="noopener noreferrer">
      {name}
    </a>
  );
}

/** "ms" → "Malay", in the browser's language; the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A reason as a lead, the headline of the item it goes through (the second hop's), the shared
 * words or names (possibly none) and a tail. */
function reasonParts(reason: MatchReason): { lead: string; mate?: string; words: readonly string[]; tail: string } {
  switch (reason.kind) {
    case 'linked':
      return { lead: "Listed as related in this article's record", words: [], tail: '' };
    case 'links-here':
      return { lead: 'Its record lists this article as related', words: [], tail: '' };
    case 'same-story':
      return {
        lead: reason.terms.length > 0 ? 'Same story: ' : 'Same story',
        words: reason.terms,
        tail: reason.language === undefined ? '' : ` · in ${languageName(reason.language)}`,
      };
    case 'same-story-as':
      return {
        lead: 'Same story as ',
        mate: reason.mate,
        words: reason.terms,
        tail: reason.language === undefined ? '' : ` · in ${languageName(reason.language)}`,
      };
    case 'mentions':
      return { lead: 'Mentions ', words: reason.words, tail: '' };
  }
}

export function reasonText(reason: MatchReason): string {
  const { lead, mate, words, tail } = reasonParts(reason);
  return `${lead}${mate === undefined ? '' : mateText(mate, words)}${words.join(', ')}${tail}`;
}

/** "‘Headline’: " before the words it shares (no colon without words). */
function mateText(mate: string, words: readonly string[]): string {
  return `‘${mate}’${words.length > 0 ? ': ' : ''}`;
}

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  return (
    <p class="reasons">
      {reasons.map((reason) => (
        <span key={reason.kind} class={`reason reason-${reason.kind}`}>
          <ReasonContent reason={reason} />
        </span>
      ))}
    </p>
  );
}

/**
 * reasonText with each shared word or name in its own <bdi>: joined into one string, an Arabic or
 * Hebrew word and the number after it were reordered by the bidi algorithm ("Mentions بيروت, 100"
 * showed as "Mentions 100 ,بيروت"). The text (and what is read out) is reasonText's.
 */
function ReasonContent({ reason }: { reason: MatchReason }) {
  const { lead, mate, words, tail } = reasonParts(reason);
  return (
    <>
      {lead}
      {/* The other item's headline (stored text, a text node) isolated as the words are. */}
      {mate !== undefined && (
        <>
          ‘<bdi>{mate}</bdi>’{words.length > 0 && ': '}
        </>
      )}
      {words.map((word, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          <bdi>{word}</bdi>
        </Fragment>
      ))}
      {tail}
    </>
  );
}
