import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';

/** A write succeeded, and the API server warned (e.g. `unknown field "spec.burts"`: the field was dropped). */
export function WriteWarnings(props: { name: string; warnings: string[] }) {
  return (
    <Alert
      severity="warning"
      role="status"
      sx={{ mb: 2 }}
      aria-label="Warnings from the cluster"
    >
      <AlertTitle>
        {props.name} was saved, with warnings from the cluster
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {props.warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </Box>
    </Alert>
  );
}
