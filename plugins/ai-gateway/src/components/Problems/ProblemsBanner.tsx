import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import {
  Problem,
  ResourceTab,
  kindsForTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { aiGatewayQueryKeys } from '../../query/keys';
import { CollapsedList } from '../shared/CollapsedList';

/** The problems whose object is of a kind the tab lists. */
export function problemsForTab(
  problems: Problem[],
  tab: ResourceTab,
): Problem[] {
  const kinds = new Set(kindsForTab(tab).map(d => d.kind));
  return problems.filter(p => kinds.has(p.kind));
}

/**
 * Completeness at a glance for one entity tab: dangling references (errors) and unused backends (warnings)
 * of the tab's kinds. Advisory: renders nothing while loading, when there are none, or when loading fails.
 * Its query lives under `aiGatewayQueryKeys.all`, so the editors' writes refresh it. Needs a query provider.
 */
export function ProblemsBanner(props: { entityRef: string; tab: ResourceTab }) {
  const { entityRef, tab } = props;
  const api = useApi(aiGatewayApiRef);
  const query = useQuery({
    queryKey: aiGatewayQueryKeys.problems(entityRef),
    queryFn: ({ signal }) => api.getProblems(entityRef, { signal }),
  });
  if (!query.data) return null;
  return (
    <ProblemsAlert
      problems={problemsForTab(query.data.problems, tab)}
      label="Configuration problems"
    />
  );
}

/** Problems as one alert: counts in the title, the first ten messages, the rest behind "show more". */
export function ProblemsAlert(props: { problems: Problem[]; label: string }) {
  const { problems, label } = props;
  if (problems.length === 0) return null;
  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const manyClusters = new Set(problems.map(p => p.cluster)).size > 1;
  const title = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Alert
      severity={errors ? 'error' : 'warning'}
      aria-label={label}
      sx={{ mb: 2 }}
    >
      <AlertTitle>
        {label}: {title}
      </AlertTitle>
      <CollapsedList
        items={problems}
        variant="list"
        first={10}
        noun="problems"
        render={p => `${manyClusters ? `[${p.cluster}] ` : ''}${p.message}`}
      />
    </Alert>
  );
}
