// What the browser tests expect, computed from the demo seed (examples/cluster) with the shared kind registry,
// so the tests follow the demo data instead of repeating it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  conditionState,
  findKind,
  kindOf,
  type ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export type Tab = 'gateways' | 'backends' | 'routes' | 'policies';

export interface ExpectedRow {
  descriptor: ResourceKindDescriptor;
  name: string;
  namespace?: string;
  /** condition type -> the chip's accessible label, e.g. `Accepted: True` or `Programmed: not reported` */
  chips: Record<string, string>;
}

export function loadSeed(dir: string): any[] {
  return readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(d => d.toJS()),
    )
    .filter(o => o && typeof o === 'object' && o.kind);
}

function row(descriptor: ResourceKindDescriptor, obj: any): ExpectedRow {
  const conditions = descriptor.conditions(obj);
  const chips: Record<string, string> = {};
  for (const type of descriptor.conditionTypes) {
    const state = conditionState(conditions, type);
    chips[type] = state ? `${type}: ${state.status}` : `${type}: not reported`;
  }
  return {
    descriptor,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
    chips,
  };
}

/**
 * The rows a tab of the entity with `backstage.io/kubernetes-id: <id>` shows: its own objects of the tab's kinds
 * (label `backstage.io/kubernetes-id`), and on the Gateways tab also the gateways its routes attach to.
 */
export function expectedRows(
  objects: any[],
  id: string,
  tab: Tab,
): ExpectedRow[] {
  const own = objects.filter(
    o => o.metadata?.labels?.['backstage.io/kubernetes-id'] === id,
  );
  const rows = own.flatMap(o => {
    const d = kindOf(o);
    return d && d.tab === tab ? [row(d, o)] : [];
  });
  if (tab === 'gateways') {
    const gateway = findKind('Gateway')!;
    for (const route of own.filter(o => kindOf(o)?.tab === 'routes')) {
      for (const p of route.spec?.parentRefs ?? []) {
        if ((p.kind ?? 'Gateway') !== 'Gateway') continue;
        const ns = p.namespace ?? route.metadata.namespace;
        const gw = objects.find(
          o =>
            o.kind === 'Gateway' &&
            o.metadata.name === p.name &&
            o.metadata.namespace === ns,
        );
        if (gw && !rows.some(r => r.name === p.name && r.namespace === ns))
          rows.push(row(gateway, gw));
      }
    }
  }
  return rows;
}
