/**
 * Cross-field rules of the Kubernetes API server's Job validation
 * (pkg/apis/batch/validation) that the OpenAPI schema of kubernetes-models cannot express.
 * Returns one message per broken rule.
 */
type Obj = Record<string, unknown>;

const o = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

export function jobCrossFieldErrors(job: unknown): string[] {
  const errs: string[] = [];
  const spec = o(o(job)['spec']);
  const pod = o(o(spec['template'])['spec']);
  const restart = pod['restartPolicy'];
  const containers = list(pod['containers']);
  const volumes = new Set(list(pod['volumes']).map((v) => v['name']));
  if (restart !== 'Never' && restart !== 'OnFailure')
    errs.push('spec.template.spec.restartPolicy: a Job needs Never or OnFailure');
  if (spec['completionMode'] === 'Indexed' && typeof spec['completions'] !== 'number')
    errs.push('spec.completions: required when completionMode is Indexed');
  if (spec['backoffLimitPerIndex'] !== undefined) {
    if (spec['completionMode'] !== 'Indexed') errs.push('spec.backoffLimitPerIndex: needs completionMode Indexed');
    if (restart !== 'Never') errs.push('spec.backoffLimitPerIndex: needs restartPolicy Never');
  }
  if (spec['maxFailedIndexes'] !== undefined) {
    if (spec['backoffLimitPerIndex'] === undefined) errs.push('spec.maxFailedIndexes: needs backoffLimitPerIndex');
    if (Number(spec['maxFailedIndexes']) > Number(spec['completions']))
      errs.push('spec.maxFailedIndexes: must be <= completions');
  }
  const rules = list(o(spec['podFailurePolicy'])['rules']);
  if (rules.length > 0 && restart !== 'Never') errs.push('spec.podFailurePolicy: needs restartPolicy Never');
  rules.forEach((r, i) => {
    if (r['action'] === 'FailIndex' && spec['backoffLimitPerIndex'] === undefined)
      errs.push(`spec.podFailurePolicy.rules[${i}]: FailIndex needs backoffLimitPerIndex`);
    const codes = o(r['onExitCodes']);
    if (r['onExitCodes'] !== undefined) {
      const name = codes['containerName'];
      if (name !== undefined && !containers.some((c) => c['name'] === name))
        errs.push(`spec.podFailurePolicy.rules[${i}].onExitCodes.containerName: no container ${JSON.stringify(name)}`);
      if (codes['operator'] === 'In' && list(codes['values']).some((v) => (v as unknown) === 0))
        errs.push(`spec.podFailurePolicy.rules[${i}].onExitCodes.values: 0 cannot be used with In`);
    }
    if ((r['onExitCodes'] === undefined) === (r['onPodConditions'] === undefined))
      errs.push(`spec.podFailurePolicy.rules[${i}]: exactly one of onExitCodes and onPodConditions`);
  });
  for (const c of containers)
    for (const m of list(c['volumeMounts']))
      if (!volumes.has(m['name'])) errs.push(`volumeMounts ${String(m['name'])}: no such volume`);
  return errs;
}
