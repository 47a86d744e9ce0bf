import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PartitionAssignment,
  isHostname,
  isPathPrefix,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { parse } from 'yaml';
import { z } from 'zod';

/** An owner ref as written (`group:team-search`, `component:default/search-agent`), normalized. */
const ownerRef = z
  .string()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value));
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `'${value}' is not an entity ref with a kind (e.g. group:default/team-search)`,
      });
      return z.NEVER;
    }
  });

const assignment = z
  .object({
    owner: ownerRef.optional(),
    namespace: z.string().min(1).max(63).optional(),
    listener: z.string().min(1).max(253).optional(),
    hostnames: z
      .array(
        z.string().refine(isHostname, {
          message: 'a hostname (a.example.com) or wildcard (*.example.com)',
        }),
      )
      .min(1)
      .max(100)
      .optional(),
    pathPrefixes: z
      .array(
        z.string().max(1024).refine(isPathPrefix, {
          message: 'an absolute path without dot or empty segments (/search)',
        }),
      )
      .min(1)
      .max(100)
      .optional(),
    allowRegularExpressions: z.boolean().optional(),
  })
  .strict()
  .refine(a => (a.owner === undefined) !== (a.namespace === undefined), {
    message: 'exactly one of owner or namespace',
  });

const assignments = z.array(assignment).max(1000);

/** The first problem of a parse, as `[2].pathPrefixes[0]: ...`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const at = issue.path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `${at ? `${at}: ` : ''}${issue.message}`;
}

/** Assignments from plain data (config or a parsed annotation); throws `Error` naming the first bad field. */
export function toAssignments(data: unknown): PartitionAssignment[] {
  const parsed = assignments.safeParse(data);
  if (!parsed.success) throw new Error(firstIssue(parsed.error));
  return parsed.data;
}

/** The Gateway annotation's value (a YAML or JSON list) as assignments, or the reason it cannot be read. */
export function parseAnnotation(
  value: string,
): { assignments: PartitionAssignment[] } | { error: string } {
  try {
    if (value.length > 256 * 1024) throw new Error('longer than 256 KiB');
    return { assignments: toAssignments(parse(value, { maxAliasCount: 0 })) };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0].slice(0, 300) };
  }
}
