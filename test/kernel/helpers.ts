/** Shared helpers for the kernel tests: build a scenario on a profile, check it, summarise. */
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

export function run(spec: Omit<ScenarioSpec, 'name'> & { name?: string }, profile: string, patches = '') {
  const { model } = buildScenario({ name: spec.name ?? 'test', ...spec } as ScenarioSpec, profile, patches);
  const r = check(model);
  const verdicts = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
  return { r, model, verdicts, violated: r.properties.filter((p) => p.verdict === 'violated').map((p) => p.name).sort() };
}

/** Every step label of every thread of a model, as `thread: label`. */
export function stepLabels(spec: ScenarioSpec, profile: string, patches = ''): Map<string, { where: string; since?: string }> {
  const { model } = buildScenario(spec, profile, patches);
  const out = new Map<string, { where: string; since?: string }>();
  // A step with no version of its own says it follows the build's profile (and patches): leave
  // that default out, so builds compare by what their steps say of themselves.
  const byDefault = [profile, ...patches.split(',').map((x) => x.trim()).filter(Boolean)].join(' + ');
  for (const th of model.threads) for (const [l, s] of Object.entries(th.steps)) out.set(`${th.name}: ${l}`, { where: s.where, since: s.since === byDefault ? undefined : s.since });
  return out;
}
