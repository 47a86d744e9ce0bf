import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';

export interface LogLine {
  level: string;
  message: string;
  meta: Record<string, unknown>;
}

/**
 * A root logger that keeps every line (with the merged child meta). Backstage's real logger and auditor
 * services derive from it, so plugin logs and audit events both land in `lines`.
 */
export function captureRootLogger() {
  const lines: LogLine[] = [];
  const make = (base: Record<string, unknown>): LoggerService => {
    const log = (level: string) => (message: string, meta?: Error | object) =>
      void lines.push({
        level,
        message: String(message),
        meta: {
          ...base,
          ...(meta instanceof Error
            ? {
                error: {
                  name: meta.name,
                  message: meta.message,
                  stack: meta.stack,
                },
              }
            : meta ?? {}),
        },
      });
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: (meta: object) => make({ ...base, ...meta }),
    };
  };
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}) as any,
  });
  return { lines, factory };
}
