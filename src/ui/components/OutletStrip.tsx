import { hue, initial } from './monogram';

interface Outlet {
  name: string;
  domain: string;
}

interface Props {
  outlets: readonly Outlet[];
  /** How many to show as tiles; the rest are counted. */
  max?: number;
}

/** Which outlets covered a story, at a glance: a row of lettered tiles, named on hover and for screen readers. */
export function OutletStrip({ outlets, max = 8 }: Props) {
  if (outlets.length === 0) return null;
  const shown = outlets.slice(0, max);
  const rest = outlets.length - shown.length;
  const names = outlets.map((o) => o.name || o.domain).join(', ');
  return (
    <div class="outlet-strip" role="img" aria-label={`Covered by ${outlets.length} ${outlets.length === 1 ? 'outlet' : 'outlets'}: ${names}`}>
      {shown.map((outlet) => (
        <span key={outlet.domain || outlet.name} class="outlet-tile" title={`${outlet.name} (${outlet.domain})`} style={{ '--hue': String(hue(outlet.domain || outlet.name)) }} aria-hidden="true">
          {initial(outlet.name || outlet.domain)}
        </span>
      ))}
      {rest > 0 && (
        <span class="outlet-more" aria-hidden="true">
          +{rest}
        </span>
      )}
    </div>
  );
}
