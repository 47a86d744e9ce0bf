export { ApiAccessCard, EntityApiAccessCard } from './ApiAccessCard';
export { ApiConsumers, EntityApiConsumersContent } from './ApiConsumersContent';
export {
  ConsumerAccess,
  EntityConsumerAccessContent,
} from './ConsumerAccessContent';
export { AccessInbox } from './AccessInbox';
export { KeyDialog } from './KeyDialog';
export type { KeyDialogProps } from './KeyDialog';
export { RequestAccessButton } from './RequestAccessButton';
export { snippetsWithKey, keyTarget } from './keySnippets';
