/**
 * host-children with two liveness properties added (quiescence, actors-terminate): the bench
 * compares its time and peak memory with the safety-only run of the same scenario (issue 12:
 * liveness within 2x the memory of safety).
 */
import { scenario } from 'probecheck';
import { spec } from '../host-children.ts';

export default scenario({
  ...spec,
  name: 'host-children-live',
  describe: 'host-children, with quiescence and actors-terminate checked too',
  vary: (p, s) => {
    const v = spec.vary!(p, s);
    return { ...v, properties: [...(v.properties ?? []), 'quiescence', 'actors-terminate'] };
  },
});
