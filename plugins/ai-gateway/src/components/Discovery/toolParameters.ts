import type { McpTool } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** One argument of a tool, read from its input JSON schema. */
export interface ToolParameter {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum))
    return schema.enum.map(v => JSON.stringify(v)).join(' | ');
  const t = schema.type;
  if (Array.isArray(t)) return t.join(' | ');
  if (t === 'array' && isRecord(schema.items))
    return `${typeOf(schema.items)}[]`;
  if (typeof t === 'string') return t;
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf))
    return 'one of several';
  return 'any';
}

/** The top-level arguments of a tool (properties of its input schema), required ones first. */
export function toolParameters(tool: McpTool): ToolParameter[] {
  const schema = tool.inputSchema;
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const required = new Set(
    Array.isArray(schema.required)
      ? schema.required.filter((r): r is string => typeof r === 'string')
      : [],
  );
  return Object.entries(schema.properties)
    .map(([name, prop]) => {
      const p = isRecord(prop) ? prop : {};
      return {
        name,
        type: typeOf(p),
        required: required.has(name),
        description:
          typeof p.description === 'string' ? p.description : undefined,
      };
    })
    .sort((a, b) => Number(b.required) - Number(a.required));
}
