import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ClusterState,
  EntitySelection,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ApiErrorInfo } from '../../api/errors';
import { describeClusterProblem } from './format';

export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # objects labelled backstage.io/kubernetes-id=<value> belong to this entity
    ${ANNOTATION_KUBERNETES_ID}: my-service
    # or select them with any label selector
    # ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: 'app=my-service'
    # optional: only look in this namespace
    ${ANNOTATION_KUBERNETES_NAMESPACE}: my-team`;

function Snippet() {
  return (
    <Box
      component="pre"
      aria-label="Annotation example"
      sx={{
        p: 2,
        bgcolor: 'action.hover',
        borderRadius: 1,
        overflow: 'auto',
        fontSize: 12,
        my: 1,
      }}
    >
      {ANNOTATION_SNIPPET}
    </Box>
  );
}

/** The entity carries none of the kubernetes annotations: explain how to add them. */
export function MissingAnnotationState(props: { message?: string }) {
  return (
    <Alert severity="info" role="status">
      <AlertTitle>This entity is not linked to Kubernetes objects</AlertTitle>
      <Typography variant="body2">
        Add <code>{ANNOTATION_KUBERNETES_ID}</code> or{' '}
        <code>{ANNOTATION_KUBERNETES_LABEL_SELECTOR}</code> (and optionally{' '}
        <code>{ANNOTATION_KUBERNETES_NAMESPACE}</code>) to the entity's
        catalog-info.yaml:
      </Typography>
      <Snippet />
      {props.message && (
        <Typography variant="body2" color="text.secondary">
          {props.message}
        </Typography>
      )}
    </Alert>
  );
}

/** The entity is annotated, but no object of this tab's kinds matches. */
export function EmptyTabState(props: {
  selection?: EntitySelection;
  what: string;
}) {
  const s = props.selection;
  let where = 'selected by the entity annotations';
  if (s?.kubernetesId)
    where = `labelled ${ANNOTATION_KUBERNETES_ID}=${s.kubernetesId}`;
  else if (s?.labelSelector)
    where = `matching the label selector "${s.labelSelector}"`;
  const ns = s?.namespace
    ? ` in namespace ${s.namespace}`
    : ' in any namespace';
  return (
    <Alert severity="info" role="status">
      <AlertTitle>No {props.what} yet</AlertTitle>
      <Typography variant="body2">
        No {props.what} {where}
        {ns} were found. Label the objects with{' '}
        <code>{ANNOTATION_KUBERNETES_ID}</code>, or adjust the entity
        annotations:
      </Typography>
      <Snippet />
    </Alert>
  );
}

/** A failed call: not annotated, not allowed, not found, or anything else with the backend's name and message. */
export function TabErrorState(props: {
  error: ApiErrorInfo;
  onRetry?: () => void;
}) {
  const { error, onRetry } = props;
  if (error.category === 'notAnnotated')
    return <MissingAnnotationState message={error.message} />;
  const title = {
    notAllowed: 'You are not allowed to view these objects',
    notFound: 'Entity not found',
    notAnnotated: '',
    other: 'Could not load AI Gateway objects',
  }[error.category];
  return (
    <Alert
      severity={error.category === 'notAllowed' ? 'warning' : 'error'}
      action={
        onRetry && error.category === 'other' ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {error.name}: {error.message}
    </Alert>
  );
}

/** One warning per cluster that could not answer, naming the cluster and the reason. */
export function ClusterWarnings(props: { clusters: ClusterState[] }) {
  const failing = props.clusters.filter(c => !c.ok);
  if (failing.length === 0) return null;
  return (
    <Stack spacing={1}>
      {failing.map(c => (
        <Alert key={c.name} severity="warning" data-cluster={c.name}>
          {describeClusterProblem(c)}
        </Alert>
      ))}
    </Stack>
  );
}
