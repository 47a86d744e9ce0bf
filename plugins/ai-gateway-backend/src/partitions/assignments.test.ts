import { parseAnnotation, toAssignments } from './assignments';

describe('partition assignments', () => {
  it('reads YAML and JSON, normalizing owner refs', () => {
    expect(
      parseAnnotation(
        '- owner: group:team-search\n  pathPrefixes: [/search]\n- namespace: team-payments\n  listener: https\n  hostnames: ["*.payments.example.com"]',
      ),
    ).toEqual({
      assignments: [
        { owner: 'group:default/team-search', pathPrefixes: ['/search'] },
        {
          namespace: 'team-payments',
          listener: 'https',
          hostnames: ['*.payments.example.com'],
        },
      ],
    });
    expect(
      parseAnnotation('[{"owner":"Component:default/Search-Agent"}]'),
    ).toEqual({
      assignments: [{ owner: 'component:default/search-agent' }],
    });
  });

  it.each([
    ['owner: x', /expected array/i],
    ['- pathPrefixes: [/a]', 'exactly one of owner or namespace'],
    ['- {owner: group:a, namespace: b}', 'exactly one of owner or namespace'],
    ['- {owner: team-search}', 'is not an entity ref with a kind'],
    [
      '- {namespace: a, pathPrefixes: [search]}',
      '[0].pathPrefixes[0]: an absolute path',
    ],
    ['- {namespace: a, hostnames: ["*"]}', '[0].hostnames[0]: a hostname'],
    ['- {namespace: a, paths: [/a]}', /^\[0\]: Unrecognized key.*paths/],
    ['- &a {namespace: a}\n- *a', 'Alias resolution is disabled'],
    ['- {namespace: a', 'Flow map'],
  ])('refuses %j: %s', (value, reason) => {
    const parsed = parseAnnotation(value);
    expect('error' in parsed ? parsed.error : '').toMatch(reason);
  });

  it('throws for bad config data naming the field', () => {
    expect(() => toAssignments([{ namespace: 'a', pathPrefixes: [] }])).toThrow(
      '[0].pathPrefixes',
    );
  });
});
