import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import {
  METRICS_WINDOWS,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Picks one of the fixed metrics windows (the only thing the browser sends about metrics). */
export function WindowPicker(props: {
  value: MetricsWindow;
  onChange: (w: MetricsWindow) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      onChange={(_, v) => v && props.onChange(v)}
      aria-label="Metrics window"
    >
      {METRICS_WINDOWS.map(w => (
        <ToggleButton key={w} value={w} aria-label={`Last ${w}`}>
          {w}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
