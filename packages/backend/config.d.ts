/** Configuration of this example backend (not of the plugins). */
export interface Config {
  aiGateway?: {
    /** The example permission policy (src/permissions). */
    examplePolicy?: {
      /** Members of this group may manage platform-level objects (default `group:default/platform-team`). */
      platformGroup?: string;
    };
  };
}
