import { render, screen } from '@testing-library/react';
import type { StatusCondition } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { StatusChips, conditionTooltip } from './StatusChips';

const conditions: StatusCondition[] = [
  { type: 'Accepted', status: 'True', reason: 'Valid', scope: 'Gateway ns/a' },
  {
    type: 'Accepted',
    status: 'False',
    reason: 'Invalid',
    message: 'bad target',
    scope: 'Gateway ns/b',
  },
  { type: 'Attached', status: 'Unknown', reason: 'Pending' },
];

describe('conditionTooltip', () => {
  it('lists every condition of the type with scope, reason and message', () => {
    expect(conditionTooltip(conditions, 'Accepted')).toBe(
      'Gateway ns/a: Accepted=True (Valid)\nGateway ns/b: Accepted=False (Invalid) — bad target',
    );
  });
  it('says when the controller has not reported the type', () => {
    expect(conditionTooltip(conditions, 'Programmed')).toBe(
      'Programmed: not reported by the controller yet',
    );
  });
});

describe('StatusChips', () => {
  it('folds each type to one chip: any False wins, Unknown is grey, absent is outlined', () => {
    render(
      <StatusChips
        conditions={conditions}
        types={['Accepted', 'Attached', 'Programmed']}
      />,
    );
    expect(screen.getByLabelText('Accepted: False')).toHaveAttribute(
      'data-status',
      'False',
    );
    expect(screen.getByLabelText('Accepted: False').className).toMatch(
      /colorError/,
    );
    expect(screen.getByLabelText('Attached: Unknown').className).toMatch(
      /colorDefault/,
    );
    const absent = screen.getByLabelText('Programmed: not reported');
    expect(absent.className).toMatch(/outlined/);
    expect(absent).toHaveAttribute('data-status', 'absent');
  });
  it('colours True green', () => {
    render(
      <StatusChips
        conditions={[{ type: 'Accepted', status: 'True' }]}
        types={['Accepted']}
      />,
    );
    expect(screen.getByLabelText('Accepted: True').className).toMatch(
      /colorSuccess/,
    );
  });
  it('renders nothing for kinds without condition types', () => {
    const { container } = render(
      <StatusChips conditions={conditions} types={[]} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
