import { CollapsedList } from '../shared/CollapsedList';
import { CLASSES, chipClass } from './tableStyles';

const SHORT = 24;
/** Lists longer than this are summarized: the first few and "and N more" (a route to 1,000 backends). */
const LONG = 10;

/**
 * A summary value: text, a number, or a list — short lists as chips, long entries (listeners, matches)
 * as stacked lines. Plain elements styled by the resource table (tableStyles.ts): a virtualized table mounts
 * several of these per row while it scrolls.
 */
export function SummaryCell(props: {
  value: string | string[] | number | undefined;
}) {
  const { value } = props;
  if (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  ) {
    return (
      <span
        className={`${CLASSES.text} ${CLASSES.secondary}`}
        aria-label="none"
      >
        —
      </span>
    );
  }
  if (!Array.isArray(value)) {
    return <span className={CLASSES.text}>{String(value)}</span>;
  }
  if (value.length > LONG) {
    return (
      <div className={CLASSES.text}>
        <CollapsedList items={value} first={5} noun="values" render={v => v} />
      </div>
    );
  }
  if (value.every(v => v.length <= SHORT)) {
    return (
      <span className={CLASSES.flex}>
        {value.map((v, i) => (
          <span key={`${v}-${i}`} className={chipClass('default', true)}>
            {v}
          </span>
        ))}
      </span>
    );
  }
  return (
    <div>
      {value.map((v, i) => (
        <div
          key={`${v}-${i}`}
          className={`${CLASSES.text} ${CLASSES.longLine}`}
        >
          {v}
        </div>
      ))}
    </div>
  );
}
