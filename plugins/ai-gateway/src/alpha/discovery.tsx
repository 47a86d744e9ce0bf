/** Extensions for the catalog API entities of the AI gateway (tools, models, policies, Connect card). Owned by the discovery UI. */
export const discoveryExtensions = [];
