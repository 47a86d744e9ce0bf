import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { describeApiError } from '../../api/errors';

/** A failed access call with the backend's error name and message (which names the field that is wrong). */
export function AccessError(props: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const info = describeApiError(props.error);
  return (
    <Alert
      severity={info.category === 'notAllowed' ? 'warning' : 'error'}
      action={
        props.onRetry ? (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{props.title}</AlertTitle>
      {info.message}
      {info.statusCode ? ` (${info.name}, ${info.statusCode})` : ''}
    </Alert>
  );
}
