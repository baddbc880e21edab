import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { explainError } from '../../i18n/describe-error';
import type { ShownError } from '../../stores/attempt';
import { findModel, useCatalog } from '../../stores/catalog';
import { paramsOfTarget } from '../../stores/target-params';
import type { GenerateParams, Target, TargetsActions } from '../../stores/targets';
import { TargetPicker } from '../TargetPicker';
import { ParamsPanel } from './ParamsPanel';
import './targets.css';

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

export interface TargetBlockProps {
  target: Target;
  index: number;
  count: number;
  /** The values shared by every target of the form. */
  shared: GenerateParams;
  /** The form's last refusal: the problems it lists for this target are shown under it. */
  error: ShownError | null;
  /** Only models that can do this (the editor's targets edit). */
  need: 'generate' | 'edit';
  actions: TargetsActions;
}

/** A target of a fan-out: its provider and model, the parameters that model takes, and what it was refused for. */
export function TargetBlock({ target, index, count, shared, error, need, actions }: TargetBlockProps) {
  const { t, i18n } = useTranslation();
  const model = useCatalog((state) => findModel(state.models, target.providerId, target.model));
  const problems = problemsOf(error, index, target);
  const label = model?.label ?? target.model;
  return (
    <fieldset className="target" data-testid="target" data-model={target.model} data-index={index}>
      <legend className="visually-hidden">{t('generate.targetOf', { model: label })}</legend>
      <div className="target-row">
        <TargetPicker target={target} index={index} need={need} onChange={(next) => actions.setTarget(index, next)} />
        {count > 1 && (
          <button
            type="button"
            aria-label={t('generate.removeModel')}
            data-testid={`remove-target-${index}`}
            onClick={() => actions.removeTarget(index)}
          >
            ×
          </button>
        )}
      </div>
      <ParamsPanel
        model={model}
        params={paramsOfTarget(shared, target, model)}
        onChange={(patch) => actions.setTargetParams(index, patch)}
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
