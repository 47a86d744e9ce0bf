import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page: the guest and the demo users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'AI Gateway test' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: {
              providers: {
                demo: {
                  users: [
                    {
                      userEntityRef: 'user:default/sam.support',
                      title: 'Sam Support',
                      description: 'API owner',
                    },
                  ],
                },
              },
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText('Guest', {}, { timeout: 45_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Sam Support' }),
    ).toBeInTheDocument();
    expect(screen.getByText('user:default/sam.support')).toBeInTheDocument();
  }, 60_000); // the whole app loads lazily; slow on a busy 2-core machine
});
