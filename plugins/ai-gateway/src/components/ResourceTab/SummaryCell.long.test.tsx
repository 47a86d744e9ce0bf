import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SummaryCell } from './SummaryCell';

describe('SummaryCell with a long list', () => {
  it('summarizes 1,000 values: the first five and "and 995 more", a page at a time', async () => {
    const values = Array.from(
      { length: 1000 },
      (_, i) => `bench-${String(i).padStart(4, '0')}`,
    );
    const { container } = render(<SummaryCell value={values} />);
    expect(container.querySelectorAll('[data-item]')).toHaveLength(5);
    expect(screen.getByText('bench-0004')).toBeInTheDocument();
    expect(screen.queryByText('bench-0005')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 50 more values of 995' }),
    );
    expect(container.querySelectorAll('[data-item]')).toHaveLength(50);
  });
});
