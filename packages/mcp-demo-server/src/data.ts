/**
 * The demo's fixed content: knowledge-base articles, indexed docs and tickets, and a small offline "web".
 * Everything the demo tools answer is computed from these records (no network, same answer every time).
 */

export interface Article {
  id: string;
  title: string;
  tags: string[];
  body: string;
}

export const ARTICLES: Article[] = [
  {
    id: 'KB-101',
    title: 'Resetting a customer password',
    tags: ['account', 'password', 'login'],
    body: 'Open the customer in the admin console, choose "Send reset link". The link is valid for 30 minutes. If the customer uses single sign-on, the password is managed by their identity provider instead.',
  },
  {
    id: 'KB-102',
    title: 'Refund policy for annual plans',
    tags: ['billing', 'refund'],
    body: 'Annual plans are refundable pro rata within 30 days of renewal. After 30 days, offer a credit note instead. Refunds above 500 EUR need approval from the billing team.',
  },
  {
    id: 'KB-103',
    title: 'Exporting data as CSV',
    tags: ['export', 'csv', 'data'],
    body: 'Every report has an "Export" menu. CSV exports are limited to 100,000 rows; for larger exports use the asynchronous export, which emails a download link.',
  },
  {
    id: 'KB-104',
    title: 'Two-factor authentication lockout',
    tags: ['account', '2fa', 'login', 'security'],
    body: 'A customer locked out of two-factor authentication must verify their identity with two recovery codes or a signed request from an account admin. Never disable 2FA over chat.',
  },
  {
    id: 'KB-105',
    title: 'Rate limits of the public API',
    tags: ['api', 'limits'],
    body: 'The public API allows 600 requests per minute per token. Responses carry X-RateLimit-Remaining. Bursts above the limit answer 429 with a Retry-After header.',
  },
  {
    id: 'KB-106',
    title: 'Escalating an outage',
    tags: ['incident', 'outage', 'escalation'],
    body: 'When three or more customers report the same failure within 15 minutes, open an incident in the status channel and page the on-call engineer. Link the customer tickets to the incident.',
  },
];

export interface IndexedDoc {
  path: string;
  title: string;
  text: string;
}

export const DOCS: IndexedDoc[] = [
  {
    path: '/guides/getting-started',
    title: 'Getting started',
    text: 'Install the CLI, sign in with your organization account and create a first project. Projects group environments, secrets and deployments.',
  },
  {
    path: '/guides/environments',
    title: 'Environments',
    text: 'Each project has development, staging and production environments. Promotion copies the configuration, never the secrets.',
  },
  {
    path: '/reference/search-api',
    title: 'Search API',
    text: 'POST /search with a query and optional filters. Results are ranked by BM25 and re-ranked by the semantic reranker when enabled.',
  },
  {
    path: '/reference/indexing',
    title: 'Indexing pipeline',
    text: 'Documents are chunked into 512-token passages, embedded and written to the vector store. Re-indexing runs nightly and on every publish.',
  },
  {
    path: '/runbooks/reindex',
    title: 'Runbook: full re-index',
    text: 'Pause ingestion, snapshot the vector store, run the re-index job with --full, verify the document count, resume ingestion.',
  },
];

export interface Ticket {
  id: string;
  title: string;
  status: 'open' | 'pending' | 'closed';
  text: string;
}

export const TICKETS: Ticket[] = [
  {
    id: 'SRCH-1201',
    title: 'Search results missing recent documents',
    status: 'open',
    text: 'Documents published today do not show up. The nightly re-index has not run since the vector store migration.',
  },
  {
    id: 'SRCH-1187',
    title: 'Reranker timeouts under load',
    status: 'pending',
    text: 'The semantic reranker times out above 50 requests per second. A larger batch size is being tested.',
  },
  {
    id: 'SRCH-1150',
    title: 'CSV export of search analytics',
    status: 'closed',
    text: 'Analytics can be exported as CSV from the dashboard since release 4.2.',
  },
  {
    id: 'SRCH-1093',
    title: 'Typo tolerance for product names',
    status: 'closed',
    text: 'Fuzzy matching with edit distance 1 is enabled for product names longer than four characters.',
  },
];

/** The offline web the `fetch` tool serves. */
export const PAGES: Record<string, { title: string; text: string }> = {
  'https://docs.example.com/': {
    title: 'Example Docs',
    text: 'Welcome to the Example documentation. See /pricing and /status.',
  },
  'https://docs.example.com/pricing': {
    title: 'Pricing',
    text: 'Starter: free up to 3 users. Team: 12 EUR per user per month. Enterprise: contact sales.',
  },
  'https://docs.example.com/status': {
    title: 'Status',
    text: 'All systems operational. Last incident: search indexing delay, resolved.',
  },
  'https://blog.example.com/hybrid-search': {
    title: 'Hybrid search in practice',
    text: 'Combining BM25 with dense vectors improves recall on long-tail queries by 18% in our benchmark.',
  },
};
