import { render, screen } from '@testing-library/react';
import { SummaryCell } from './SummaryCell';

describe('SummaryCell', () => {
  it('renders short lists as chips', () => {
    const { container } = render(<SummaryCell value={['gpt-4o', 'claude']} />);
    expect(container.querySelectorAll('.agw-chip')).toHaveLength(2);
    expect(screen.getByText('gpt-4o')).toBeInTheDocument();
  });

  it('stacks long entries as lines', () => {
    const long = [
      'https listener HTTPS/443 api.example.com',
      'http HTTP/80 an-extremely-long-hostname.example.com',
    ];
    const { container } = render(<SummaryCell value={long} />);
    expect(container.querySelectorAll('.agw-chip')).toHaveLength(0);
    expect(screen.getByText(long[1])).toBeInTheDocument();
  });

  it('renders numbers and strings as text and missing values as a dash', () => {
    const { rerender } = render(<SummaryCell value={3} />);
    expect(screen.getByText('3')).toBeInTheDocument();
    rerender(<SummaryCell value="ai" />);
    expect(screen.getByText('ai')).toBeInTheDocument();
    rerender(<SummaryCell value={[]} />);
    expect(screen.getByLabelText('none')).toHaveTextContent('—');
    rerender(<SummaryCell value={undefined} />);
    expect(screen.getByLabelText('none')).toBeInTheDocument();
  });
});
