import { screen, waitFor } from '@testing-library/react';

/**
 * The button with this accessible name once it is enabled. Queried again on every try: a row can re-render
 * (permissions resolve, the list refreshes) and replace the element, so a button found before may stay
 * disabled forever while its replacement is enabled.
 */
export async function enabledButton(
  name: string | RegExp,
  container: Pick<typeof screen, 'getByRole'> = screen,
): Promise<HTMLElement> {
  return waitFor(() => {
    const button = container.getByRole('button', { name });
    expect(button).toBeEnabled();
    return button;
  });
}
