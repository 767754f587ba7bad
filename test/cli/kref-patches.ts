/**
 * ead18c23c263 ("driver core: Introduce device links reference counting", v4.17) written as a
 * user's patch, whole and its device_link_add half alone: the text a user's patch file holds, for
 * the device-link and load-only patch tests (test/cli/patch-device-links*.test.ts, patch-load-*.test.ts).
 */

/** device_link_add takes a reference on an existing link (kref_get). */
const ADD_HUNK = `{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s) => {
      const x = s.link[site.link]!;
      if (x.refs === 0) { x.refs = 1; x.dels = 0; } else if (x.refs < 3) x.refs++;   // kref_get on the existing link
      return RETURN;
    } }) }`;

/** The whole fix: device_link_del is kref_put(&link->kref, __device_link_del). */
export const KREF_PATCH = `import { definePatch, RETURN } from 'probecheck';
// ead18c23c263 "driver core: Introduce device links reference counting" (v4.17):
// device_link_add takes a reference on an existing link; device_link_del is kref_put(&link->kref, __device_link_del).
export default definePatch({
  id: 'u-kref', subject: 'driver core: Introduce device links reference counting', base: 'v4.14',
  hunks: [
    ${ADD_HUNK},
    { fn: 'device_link_del', replace: '__device_link_del', step: (site, orig) => ({ ...orig!, run: (s) => {
      const x = s.link[site.link]!;
      if (x.refs > 0) x.refs--;
      if (x.refs === 0 && x.dels < 3) x.dels++;
      return RETURN;
    } }) },
  ],
});
`;

/** Its device_link_add half alone: a second add of a link takes a reference. */
export const ADD_REF_PATCH = `import { definePatch, RETURN } from 'probecheck';
// ead18c23c263's device_link_add half: a second add of a link takes a reference.
export default definePatch({
  id: 'u-add-ref', subject: 'driver core: a second device_link_add takes a reference', base: 'v4.14',
  hunks: [${ADD_HUNK}],
});
`;
