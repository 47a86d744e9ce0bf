import { knowledgeBase } from './knowledgeBase';
import { searchIndexDocs, searchIndexTickets } from './searchIndexes';
import { DemoServerDefinition } from './types';
import { vectorDb } from './vectorDb';
import { webFetcher } from './webFetcher';

export type { DemoServerDefinition } from './types';

/** Every demo server, each with its own state (create once per process). */
export function demoServers(): DemoServerDefinition[] {
  return [
    knowledgeBase(),
    searchIndexDocs(),
    searchIndexTickets(),
    webFetcher(),
    vectorDb(),
  ];
}
