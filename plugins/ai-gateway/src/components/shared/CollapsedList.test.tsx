import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CollapsedList } from './CollapsedList';

const names = Array.from(
  { length: 1000 },
  (_, i) => `Backend b-${String(i).padStart(4, '0')}`,
);

// a slow, shared 2-core machine
jest.setTimeout(30_000);

describe('CollapsedList', () => {
  it('shows the first three and "and N more", then reveals a page at a time', async () => {
    const { container } = render(
      <CollapsedList items={names} render={n => n} noun="backends" />,
    );
    expect(container).toHaveTextContent(
      'Backend b-0000, Backend b-0001, Backend b-0002 and 997 more',
    );
    expect(screen.queryByText('Backend b-0003')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 50 more backends of 997' }),
    );
    expect(screen.getByText('Backend b-0049')).toBeInTheDocument();
    expect(screen.queryByText('Backend b-0050')).not.toBeInTheDocument();
    expect(container).toHaveTextContent('and 950 more');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 50 more backends of 950' }),
    );
    expect(screen.getByText('Backend b-0099')).toBeInTheDocument();
    expect(container.querySelectorAll('[data-item]')).toHaveLength(100);
  });

  it('prints short lists whole, and a dash for none', () => {
    const { container, rerender } = render(
      <CollapsedList items={['a', 'b']} render={n => n} variant="list" />,
    );
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    rerender(<CollapsedList items={[]} render={n => n} />);
    expect(container).toHaveTextContent('—');
  });
});
