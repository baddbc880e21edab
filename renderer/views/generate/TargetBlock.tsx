import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { TargetPicker } from '../../components/TargetPicker';
import { explainError } from '../../i18n/describe-error';
import type { ShownError } from '../../stores/attempt';
import { findModel, useCatalog } from '../../stores/catalog';
import { type Target, useGenerate } from '../../stores/generate';
import { paramsOfTarget } from '../../stores/target-params';
import { ParamsPanel } from './ParamsPanel';

/** One refusal of one target, as the core lists them in details.problems (electron/core/jobs/plan-batch.ts). */
interface TargetProblem {
  target: number;
  providerId: string;
  model: string;
  message: string;
  details?: unknown;
}

/** The problems the last refusal found with this target, while it is still the target they were about. */
export function problemsOf(error: ShownError | null, index: number, target: Target): TargetProblem[] {
  const problems = (error?.details as { problems?: TargetProblem[] } | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (problem) => problem.target === index && problem.model === target.model && problem.providerId === target.providerId,
  );
}

/** A target of the fan-out: its provider and model, the parameters that model takes, and what it was refused for. */
export function TargetBlock({ target, index, count }: { target: Target; index: number; count: number }) {
  const { t, i18n } = useTranslation();
  const shared = useGenerate((state) => state.params);
  const error = useGenerate((state) => state.error);
  const setTarget = useGenerate((state) => state.setTarget);
  const removeTarget = useGenerate((state) => state.removeTarget);
  const setTargetParams = useGenerate((state) => state.setTargetParams);
  const model = useCatalog((state) => findModel(state.models, target.providerId, target.model));
  const problems = problemsOf(error, index, target);
  const label = model?.label ?? target.model;
  return (
    <fieldset className="target" data-testid="target" data-model={target.model} data-index={index}>
      <legend className="visually-hidden">{t('generate.targetOf', { model: label })}</legend>
      <div className="target-row">
        <TargetPicker target={target} index={index} onChange={(next) => setTarget(index, next)} />
        {count > 1 && (
          <button
            type="button"
            aria-label={t('generate.removeModel')}
            data-testid={`remove-target-${index}`}
            onClick={() => removeTarget(index)}
          >
            ×
          </button>
        )}
      </div>
      <ParamsPanel
        model={model}
        params={paramsOfTarget(shared, target, model)}
        onChange={(patch) => setTargetParams(index, patch)}
      />
      {problems.length > 0 && (
        <ul className="target-problems" role="alert" data-testid="target-problems">
          {problems.map((problem, at) => {
            const info: ErrorInfo = { code: 'invalid_input', message: problem.message, details: problem.details };
            return (
              <li key={at} data-testid="target-problem">
                {t('generate.problemOf', { model: label, text: explainError(i18n, info).text })}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
