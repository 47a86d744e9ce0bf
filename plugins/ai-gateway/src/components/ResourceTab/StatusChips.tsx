import { LazyTooltip } from '../shared/LazyTooltip';
import { CLASSES, chipClass } from './tableStyles';
import {
  StatusCondition,
  conditionState,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** One line per condition of the type: scope, status, reason and message, for the chip's tooltip. */
export function conditionTooltip(
  conditions: StatusCondition[],
  type: string,
): string {
  const ofType = conditions.filter(c => c.type === type);
  if (ofType.length === 0) return `${type}: not reported by the controller yet`;
  return ofType
    .map(c => {
      const where = c.scope ? `${c.scope}: ` : '';
      const reason = c.reason ? ` (${c.reason})` : '';
      const message = c.message ? ` — ${c.message}` : '';
      return `${where}${type}=${c.status}${reason}${message}`;
    })
    .join('\n');
}

const COLORS = { True: 'success', False: 'error', Unknown: 'default' } as const;

/**
 * A chip for one condition type: green True, red False, grey Unknown or absent; details on hover or focus. A plain
 * span styled by the resource table (tableStyles.ts), not a MUI Chip: a virtualized table mounts these per row.
 */
export function StatusChip(props: {
  conditions: StatusCondition[];
  type: string;
}) {
  const { conditions, type } = props;
  const state = conditionState(conditions, type);
  const status = state?.status ?? 'Unknown';
  const label = state ? `${type}: ${state.status}` : `${type}: not reported`;
  return (
    <LazyTooltip
      title={
        <span style={{ whiteSpace: 'pre-line' }}>
          {conditionTooltip(conditions, type)}
        </span>
      }
    >
      <span
        className={chipClass(COLORS[status], !state)}
        role="img"
        aria-label={label}
        // focusable (as the MUI Chip was) so that keyboard users get the condition details in the tooltip
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        data-status={state?.status ?? 'absent'}
      >
        {type}
      </span>
    </LazyTooltip>
  );
}

/** The chips of every condition type the kind declares, in the declared order. */
export function StatusChips(props: {
  conditions: StatusCondition[];
  types: string[];
}) {
  if (props.types.length === 0) return null;
  return (
    <span className={CLASSES.flex}>
      {props.types.map(t => (
        <StatusChip key={t} conditions={props.conditions} type={t} />
      ))}
    </span>
  );
}
