import { useTranslation } from 'react-i18next';
import { maxTargetsPerBatch } from '../../../shared/limits';
import { defaultTarget } from '../../stores/targets';
import { TargetBlock, type TargetBlockProps } from './TargetBlock';

type Props = Omit<TargetBlockProps, 'target' | 'index' | 'count'> & { targets: TargetBlockProps['target'][] };

/** Every model a request goes to, each with its own parameters, and "+ Add model" up to the batch's limit. */
export function TargetList({ targets, ...shared }: Props) {
  const { t } = useTranslation();
  return (
    <div className="targets">
      {targets.map((target, index) => (
        <TargetBlock key={index} target={target} index={index} count={targets.length} {...shared} />
      ))}
      {targets.length < maxTargetsPerBatch && (
        <button
          type="button"
          data-testid="add-target"
          // The new target starts as a copy of the last: comparing two settings of one model is one click away.
          onClick={() => shared.actions.addTarget(targets[targets.length - 1] ?? defaultTarget)}
        >
          + {t('generate.addModel')}
        </button>
      )}
    </div>
  );
}
