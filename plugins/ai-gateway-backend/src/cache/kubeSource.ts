import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import {
  KubeObject,
  ResourceKindDescriptor,
  apiVersionOf,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  ListResult,
  ListWatchSource,
  WatchHandle,
  toWatchEvent,
} from './source';

const PAGE_SIZE = 500;

export interface KubeSourceOptions {
  /** Server-side timeout of one watch request, in seconds; the cache re-opens it afterwards. */
  watchTimeoutSeconds?: number;
  /** Upper bound for one LIST page, in milliseconds. */
  listTimeoutMs?: number;
}

/** The collection path of a kind across all namespaces, e.g. `/apis/agentgateway.dev/v1alpha1/agentgatewaybackends`. */
export function collectionPath(
  kind: Pick<ResourceKindDescriptor, 'group' | 'version' | 'plural'>,
): string {
  return kind.group
    ? `/apis/${kind.group}/${kind.version}/${kind.plural}`
    : `/api/${kind.version}/${kind.plural}`;
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`${what} timed out after ${ms} ms`), {
            code: 'ETIMEDOUT',
          }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One page of a LIST as the API server sends it (JSON): the kind's objects and where to continue. */
interface ListPage {
  items?: KubeObject[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** A LIST answer as plain JSON (client-node's typed core models turn timestamps into Dates). */
function plainPage(value: unknown): ListPage {
  return JSON.parse(JSON.stringify(value));
}

/** LIST (paginated) + WATCH of one kind through `@kubernetes/client-node`. */
export function createKubeListWatchSource(
  kc: KubeConfig,
  kind: ResourceKindDescriptor,
  options: KubeSourceOptions = {},
): ListWatchSource {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const watcher = new Watch(kc);
  const apiVersion = apiVersionOf(kind);
  const listTimeoutMs = options.listTimeoutMs ?? 30000;

  const listPage = async (cont?: string): Promise<ListPage> => {
    if (kind.group === '' && kind.plural === 'secrets') {
      return plainPage(
        await core.listSecretForAllNamespaces({
          limit: PAGE_SIZE,
          _continue: cont,
        }),
      );
    }
    if (kind.group === '') {
      throw new Error(`core kind ${kind.kind} is not supported by the cache`);
    }
    return custom.listClusterCustomObject({
      group: kind.group,
      version: kind.version,
      plural: kind.plural,
      limit: PAGE_SIZE,
      _continue: cont,
    });
  };

  return {
    async list(ingest): Promise<ListResult> {
      const items: KubeObject[] = [];
      let cont: string | undefined;
      let resourceVersion = '';
      do {
        const page = await withTimeout(
          listPage(cont),
          listTimeoutMs,
          `LIST ${kind.plural}`,
        );
        // ingest page by page: what it drops (managedFields, ...) is garbage before the next page arrives
        for (const item of page.items ?? []) {
          // items of a core list carry no apiVersion / kind; a custom object's are kept (the ingest shares them)
          const obj =
            item.apiVersion === apiVersion && item.kind === kind.kind
              ? item
              : { ...item, apiVersion, kind: kind.kind };
          items.push(ingest ? ingest(obj) : obj);
        }
        resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
        cont = page.metadata?.continue || undefined;
      } while (cont);
      return { items, resourceVersion, ingested: !!ingest };
    },

    async watch(resourceVersion, onEvent, onDone): Promise<WatchHandle> {
      const controller = await watcher.watch(
        collectionPath(kind),
        {
          allowWatchBookmarks: true,
          ...(resourceVersion ? { resourceVersion } : {}),
          timeoutSeconds: options.watchTimeoutSeconds ?? 300,
        },
        (type: string, object: unknown) => {
          const event = toWatchEvent(type, object);
          if (event) onEvent(event);
        },
        (err: unknown) => onDone(err ?? undefined),
      );
      return { stop: () => controller.abort() };
    },
  };
}
