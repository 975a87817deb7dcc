import { fullDate } from '../../shared/format';

interface Props {
  /** Publication times (epoch ms), oldest first. */
  times: readonly number[];
  width?: number;
  height?: number;
}

const BINS = 24;
const MIN_SPAN = 6 * 3_600_000;

/** When a story was covered: how many articles appeared in each slice of its span, as bars. */
export function CoverageTimeline({ times, width = 160, height = 28 }: Props) {
  if (times.length === 0) return null;
  const last = times[times.length - 1]!;
  const first = Math.min(times[0]!, last - MIN_SPAN);
  const span = last - first;
  const counts = new Array<number>(BINS).fill(0);
  for (const time of times) counts[Math.min(BINS - 1, Math.floor(((time - first) / span) * BINS))]!++;
  const max = Math.max(...counts);
  const barWidth = width / BINS;
  const label = `${times.length} ${times.length === 1 ? 'article' : 'articles'} from ${fullDate(times[0]!)} to ${fullDate(last)}`;
  return (
    <svg class="timeline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Coverage over time: ${label}`}>
      <title>{label}</title>
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} class="timeline-axis" />
      {counts.map((count, i) =>
        count === 0 ? null : (
          <rect key={i} class="timeline-bar" x={i * barWidth + 1} width={Math.max(1, barWidth - 2)} y={height - 1 - ((height - 4) * count) / max} height={((height - 4) * count) / max} rx="1" />
        ),
      )}
    </svg>
  );
}
