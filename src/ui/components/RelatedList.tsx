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
          <span class="related-title" dir="auto">
            {article.title}
          </span>
        ) : (
          // dir="auto" on stored text: an Arabic or Hebrew headline reads right to left, with its
          // punctuation at its own end, inside the page's left-to-right layout.
          <a class="related-title" dir="auto" href={href} target="_blank" rel="noopener noreferrer">
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
        {article.excerpt !== '' && <p class="related-excerpt" dir="auto">
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

export function reasonText(reason: MatchReason): string {
  switch (reason.kind) {
    case 'linked':
      return "Listed as related in this article's record";
    case 'links-here':
      return 'Its record lists this article as related';
    case 'same-story': {
      const text = reason.terms.length > 0 ? `Same story: ${reason.terms.join(', ')}` : 'Same story';
      return reason.language === undefined ? text : `${text} · in ${languageName(reason.language)}`;
    }
    case 'mentions':
      return `Mentions ${reason.words.join(', ')}`;
  }
}

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  return (
    <p class="reasons">
      {reasons.map((reason) => (
        <span key={reason.kind} class={`reason reason-${reason.kind}`}>
          {reasonText(reason)}
        </span>
      ))}
    </p>
  );
}
