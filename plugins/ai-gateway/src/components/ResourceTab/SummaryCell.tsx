import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { CollapsedList } from '../shared/CollapsedList';

const SHORT = 24;
/** Lists longer than this are summarized: the first few and "and N more" (a route to 1,000 backends). */
const LONG = 10;

/**
 * A summary value: text, a number, or a list — short lists as chips, long entries (listeners, matches)
 * as stacked lines.
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
      <Typography variant="body2" color="text.secondary" aria-label="none">
        —
      </Typography>
    );
  }
  if (!Array.isArray(value)) {
    return <Typography variant="body2">{String(value)}</Typography>;
  }
  if (value.length > LONG) {
    return (
      <Typography variant="body2" component="div">
        <CollapsedList items={value} first={5} noun="values" render={v => v} />
      </Typography>
    );
  }
  if (value.every(v => v.length <= SHORT)) {
    return (
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        {value.map((v, i) => (
          <Chip key={`${v}-${i}`} size="small" variant="outlined" label={v} />
        ))}
      </Box>
    );
  }
  return (
    <Box>
      {value.map((v, i) => (
        <Typography
          key={`${v}-${i}`}
          variant="body2"
          className="ai-gateway-long-line"
        >
          {v}
        </Typography>
      ))}
    </Box>
  );
}
