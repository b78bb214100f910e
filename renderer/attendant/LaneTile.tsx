import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/catalogue.ts';
import type { DeviceHealth, DeviceName } from '../../contracts/devices.ts';
import { formatMoney } from '../shared/format.ts';
import type { LaneState } from './busSource.ts';
import { useNow } from './context.tsx';
import { Elapsed } from './Elapsed.tsx';
import { laneTone } from './queue.ts';
import { laneName, P } from './text.ts';

/** Device problems worth a word on the tile, worst first. */
export function deviceProblems(devices: Partial<Record<DeviceName, DeviceHealth>> | undefined): Array<[DeviceName, DeviceHealth]> {
  const rank = { offline: 0, error: 1, warning: 2, ok: 3 } as const;
  return (Object.entries(devices ?? {}) as Array<[DeviceName, DeviceHealth]>).filter(([, h]) => h.status !== 'ok').sort(([, a], [, b]) => rank[a.status] - rank[b.status]);
}

export function deviceText(t: (k: string, o?: Record<string, unknown>) => string, name: DeviceName, h: DeviceHealth): string {
  const reason = h.reason ? t(`printer.${h.reason}`, { defaultValue: '' }) : '';
  return `${t(`device.${name}`)}: ${reason || t(`device.status.${h.status}`)}`;
}

interface Props {
  lane: LaneState;
  language: Language;
  selected: boolean;
  onSelect: (laneId: string) => void;
}

/** One lane at a glance. Memoised on the lane's own state object, which the bus replaces only when that lane changes. */
export const LaneTile = memo(function LaneTile({ lane, language, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  const s = lane.status;
  const name = laneName(t, lane.laneId, language);
  if (!s) {
    return (
      <button type="button" className="tile tile--offline" data-testid="lane-tile" data-lane={lane.laneId} data-tone="offline" onClick={() => onSelect(lane.laneId)}>
        <span className="tile__name">{name}</span>
        <span className="tile__state">{t(`${P}.lane.noStatus`)}</span>
      </button>
    );
  }
  const tone = laneTone(s, lane.interventions, now);
  const problems = deviceProblems(s.devices);
  const pending = lane.interventions.length;
  const state = !s.online ? t(`${P}.lane.offline`) : s.open === false ? t(`${P}.lane.closed`) : s.screen ? t(`${P}.lane.screen.${s.screen}`) : '';
  const since = s.stateSince ?? s.updatedAt;
  const hasBasket = s.online && (s.itemCount ?? 0) > 0 && s.currency !== undefined;
  return (
    <button
      type="button"
      className={`tile tile--${tone}${selected ? ' tile--selected' : ''}`}
      data-testid="lane-tile"
      data-lane={lane.laneId}
      data-tone={tone}
      aria-pressed={selected}
      aria-label={t(`${P}.lane.details`, { lane: name })}
      onClick={() => onSelect(lane.laneId)}
    >
      <span className="tile__top">
        <span className="tile__name">{name}</span>
        {pending > 0 && <span className="tile__badge">{pending === 1 ? t(`attendant.kinds.${lane.interventions[0]!.kind}`) : t(`${P}.queue.count`, { count: pending })}</span>}
      </span>
      <span className="tile__state">
        <span className="tile__state-name">{state}</span>
        <span className="tile__since">{!s.online ? '' : `${t(`${P}.lane.inState`, { time: '' }).trim()} `}<Elapsed since={since} language={language} /></span>
      </span>
      <span className="tile__basket">
        {hasBasket ? (
          <>
            <strong>{formatMoney(s.totalMinor ?? 0, s.currency ?? 'EUR', language)}</strong>
            <span>{t('scanning.items', { count: s.itemCount ?? 0 })}</span>
          </>
        ) : (
          <span className="tile__quiet">{s.blocked ? t(`${P}.lane.blocked`) : '\u00a0'}</span>
        )}
      </span>
      <span className={problems.length > 0 ? 'tile__devices tile__devices--problem' : 'tile__devices'}>
        {!s.online ? '\u00a0' : problems.length > 0 ? deviceText(t, problems[0]![0], problems[0]![1]) : t(`${P}.lane.devicesOk`)}
        {s.attendantAtLane ? ` · ${t(`${P}.lane.staffAtLane`, { name: s.attendantAtLane })}` : ''}
      </span>
    </button>
  );
});
