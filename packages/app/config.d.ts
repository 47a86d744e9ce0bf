/** Configuration the example app reads. */
export interface Config {
  auth?: {
    providers?: {
      /**
       * The development-only demo sign-in (backend module packages/backend/src/demoSignIn, sign-in page
       * src/modules/signIn): sign in as one of these catalog users. Configure it only in development / demo configs.
       */
      demo?: {
        /** The users the sign-in page offers and the backend accepts. */
        users: Array<{
          /**
           * A catalog User, e.g. `user:default/sam.support`.
           * @visibility frontend
           */
          userEntityRef: string;
          /**
           * The name on the sign-in card.
           * @visibility frontend
           */
          title?: string;
          /**
           * Who this user is in the demo (team, what they own).
           * @visibility frontend
           */
          description?: string;
        }>;
        /**
         * Allow the demo sign-in when NODE_ENV is not `development` (the browser tests run the built app). Never set
         * it anywhere real: anyone who can reach the backend can then sign in as these users.
         */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
