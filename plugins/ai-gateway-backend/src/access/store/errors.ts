import { ConflictError } from '@backstage/errors';

/** 409: a request for this consumer and API is already pending. `name` stays `ConflictError` for the error mapper. */
export class PendingRequestExistsError extends ConflictError {
  constructor(
    readonly pendingRequestId: string,
    consumerRef: string,
    apiRef: string,
  ) {
    super(
      `a request for ${consumerRef} to ${apiRef} is already pending: ${pendingRequestId}`,
    );
  }
}
