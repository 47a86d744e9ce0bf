/**
 * Validating admission, run after the object passed validation and before it is stored (as kube-apiserver runs its
 * validating plugins, in this order): the configured validating webhooks, then ResourceQuota.
 */
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType } from '../types';
import { checkQuota } from './resourceQuota';
import {
  AdmissionOperation,
  ValidatingWebhook,
  callWebhook,
  reviewRequest,
  webhookMatches,
} from './webhooks';

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  type: ResourceType;
  object?: KubeObject;
  oldObject?: KubeObject;
  user?: string;
  dryRun?: boolean;
  subresource?: string;
  /** Collects the webhooks' warnings. */
  warnings?: string[];
}

export class Admission {
  constructor(
    private readonly store?: ObjectStore,
    private readonly webhooks: ValidatingWebhook[] = [],
  ) {}

  /** Throws the refusal (webhook denial, exceeded quota) as a Status error. */
  review(a: AdmissionAttributes): void {
    for (const hook of this.webhooks) {
      if (webhookMatches(hook, a.operation, a.type, a.subresource))
        callWebhook(hook, reviewRequest(a), a.warnings);
    }
    if (this.store && a.operation === 'CREATE' && a.object && !a.subresource)
      checkQuota(this.store, a.type, a.object);
  }
}
