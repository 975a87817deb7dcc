import { useState } from 'preact/hooks';
import { safeHttpUrl } from '../../shared';
import { hue, initial } from './monogram';

interface Props {
  image?: string | undefined;
  /** Used for the letter tile shown when there is no image (or images are off). */
  label: string;
  load: boolean;
}

/** A record's image when allowed and loadable; otherwise a tile with the outlet's initial. */
export function Thumbnail({ image, label, load }: Props) {
  const [failed, setFailed] = useState(false);
  const src = load && !failed ? safeHttpUrl(image) : null;
  if (src !== null) {
    return <img class="thumb" src={src} alt="" loading="lazy" referrerpolicy="no-referrer" onError={() => setFailed(true)} />;
  }
  const letter = initial(label);
  return (
    <span class="thumb thumb-letter" aria-hidden="true" style={{ '--hue': String(hue(label)) }}>
      {letter}
    </span>
  );
}
