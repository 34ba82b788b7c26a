import { useId, useMemo, useState } from 'react';
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { InsightBreakdownRow } from '@doorbraak/domain';
import { Choice } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';
import provincesTopology from '../data/provincie_2025.topojson?raw';

interface ProvinceProperties {
  statcode: string;
  statnaam: string;
}

const WIDTH = 400;
const HEIGHT = 470;

/** The CBS boundaries, projected once (Mercator, fitted to the box). */
function useProvinceShapes() {
  return useMemo(() => {
    const topology = JSON.parse(provincesTopology) as Topology<{
      provincie_2025: GeometryCollection<ProvinceProperties>;
    }>;
    const collection: FeatureCollection<Geometry, ProvinceProperties> = feature(
      topology,
      topology.objects.provincie_2025,
    );
    const path = geoPath(geoMercator().fitSize([WIDTH, HEIGHT], collection));
    return collection.features.map((f: Feature<Geometry, ProvinceProperties>) => ({
      code: f.properties.statcode,
      name: f.properties.statnaam,
      d: path(f) ?? '',
    }));
  }, []);
}

/** Light to dark; the first class (0) is white. Every step differs in lightness, not hue alone. */
const CLASS_COLOURS = ['#ffffff', '#d6e3f3', '#9dbbe0', '#5b8cc4', '#24578f', '#102a4c'] as const;

/** A round step so that four steps cover the maximum (1, 2, 2.5, 5 × 10ⁿ). */
function niceStep(max: number): number {
  const raw = max / 5;
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 2.5, 5, 10].find((f) => f * power >= raw) ?? 10;
  return Math.ceil(factor * power);
}

export interface MapClass {
  from: number;
  to: number;
  colour: string;
}

/** Classes for the legend: "0", then five equal ranges up to the maximum. */
export function mapClasses(max: number): MapClass[] {
  const step = niceStep(max);
  return CLASS_COLOURS.map((colour, i) =>
    i === 0 ? { from: 0, to: 0, colour } : { from: (i - 1) * step + 1, to: i * step, colour },
  );
}

function classOf(value: number, classes: readonly MapClass[]): MapClass {
  return classes.find((c) => value >= c.from && value <= c.to) ?? (classes.at(-1) as MapClass);
}

type Metric = 'homesAtStake' | 'homesUnblocked';

/**
 * The choropleth of homes at stake or unblocked per province. Colour is never the only carrier:
 * the legend names each range, every province has its value in a tooltip title, and the table
 * "Woningen per provincie" beside it has every figure.
 */
export function ProvinceMap({ rows }: { rows: readonly InsightBreakdownRow[] }) {
  const { t, formatNumber } = useI18n();
  const shapes = useProvinceShapes();
  const [metric, setMetric] = useState<Metric>('homesAtStake');
  const id = useId();
  const metricLabel = t(
    metric === 'homesAtStake' ? 'insight.metric.homesAtStake' : 'insight.metric.homesUnblocked',
  );
  const values = new Map(rows.map((r) => [r.key, r[metric]]));
  const max = Math.max(0, ...values.values());
  const classes = mapClasses(max);
  const caption = t('insight.map.caption', { metric: metricLabel.toLowerCase() });

  return (
    <figure className="insight-figure insight-map" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="insight-figure__caption">
        {caption}
      </figcaption>
      <fieldset className="insight-map__metric">
        <legend className="form-field__label">{t('insight.map.metric')}</legend>
        {(['homesAtStake', 'homesUnblocked'] as const).map((m) => (
          <Choice
            key={m}
            type="radio"
            id={`${id}-${m}`}
            name={`${id}-metric`}
            value={m}
            label={t(m === 'homesAtStake' ? 'insight.metric.homesAtStake' : 'insight.metric.homesUnblocked')}
            checked={metric === m}
            onChange={() => setMetric(m)}
          />
        ))}
      </fieldset>
      <div className="insight-map__body">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="insight-map__svg"
          role="img"
          aria-label={`${caption}. ${t('insight.map.alt')}`}
        >
          {shapes.map((shape) => {
            const value = values.get(shape.code) ?? 0;
            return (
              <path
                key={shape.code}
                d={shape.d}
                fill={classOf(value, classes).colour}
                stroke="#1a1a1a"
                strokeWidth={0.8}
                data-province={shape.code}
                data-value={value}
              >
                <title>{`${shape.name}: ${formatNumber(value)}`}</title>
              </path>
            );
          })}
        </svg>
        <div className="insight-map__legend">
          <p className="insight-map__legend-title" id={`${id}-legend`}>
            {t('insight.map.legend', { metric: metricLabel.toLowerCase() })}
          </p>
          <ul aria-labelledby={`${id}-legend`} className="insight-map__legend-list">
            {classes.map((c) => (
              <li key={c.from} className="insight-map__legend-item">
                <span className="insight-map__swatch" style={{ background: c.colour }} aria-hidden="true" />
                {c.to === 0
                  ? `0 (${t('insight.map.none')})`
                  : t('insight.map.range', { from: formatNumber(c.from), to: formatNumber(c.to) })}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <p className="insight-map__attribution">
        <small>{t('insight.map.attribution')}</small>
      </p>
    </figure>
  );
}
