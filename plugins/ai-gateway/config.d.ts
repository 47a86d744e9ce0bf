export interface Config {
  aiGateway?: {
    /** Self-service access (declared in full by the backend plugin's config.d.ts). */
    access?: {
      /**
       * Expiry of a grant when the request names none, in days (default 90). Shown in the request dialog.
       * @visibility frontend
       */
      defaultExpiryDays?: number;
      /**
       * Latest expiry a request may ask for, in days from now (default 365). Shown in the request dialog.
       * @visibility frontend
       */
      maxExpiryDays?: number;
    };
  };
}
