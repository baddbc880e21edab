import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/contract/models';
import { isGptImageModel, partialImages } from '../../../shared/gpt-image';
import { seededProtocols } from '../../../shared/presets';
import type { GenerateParams } from '../../stores/targets';

type ChoiceKey = 'size' | 'aspectRatio' | 'quality';

interface PanelProps {
  model: ModelInfo | undefined;
  /** The target's values, already fitted to its model (stores/target-params.ts). */
  params: GenerateParams;
  onChange(patch: Partial<GenerateParams>): void;
}

/** One parameter with a fixed set of values; '' means the model's own default. */
function ChoiceParam({
  name,
  label,
  testId,
  values,
  params,
  onChange,
}: {
  name: ChoiceKey;
  label: string;
  testId: string;
  values: string[];
} & Omit<PanelProps, 'model'>) {
  const { t } = useTranslation();
  if (values.length === 0) return null;
  return (
    <label>
      {label}
      <select
        data-testid={testId}
        value={params[name]}
        onChange={(event) => onChange({ [name]: event.target.value } as Partial<GenerateParams>)}
      >
        <option value="">{t('generate.default')}</option>
        {values.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </label>
  );
}

/** Only the parameters this target's model accepts, with only the values it accepts. */
export function ParamsPanel({ model, params, onChange }: PanelProps) {
  const { t } = useTranslation();
  if (!model) return null;
  const nValues = Array.from({ length: model.n.max - model.n.min + 1 }, (_, index) => model.n.min + index);
  const shared = { params, onChange };
  return (
    <div className="params">
      {nValues.length > 1 && (
        <label>
          {t('generate.count')}
          <select
            data-testid="param-n"
            value={params.n}
            onChange={(event) => onChange({ n: Number(event.target.value) })}
          >
            {nValues.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
      )}
      <ChoiceParam name="size" label={t('generate.size')} testId="param-size" values={model.sizes ?? []} {...shared} />
      <ChoiceParam
        name="aspectRatio"
        label={t('generate.aspect')}
        testId="param-aspect"
        values={model.aspectRatios}
        {...shared}
      />
      <ChoiceParam
        name="quality"
        label={t('generate.quality')}
        testId="param-quality"
        values={model.qualities}
        {...shared}
      />
      {isGptImageModel(model.id) && (
        <label className="checkbox" title={t('generate.livePreviewHint', { count: partialImages.whenAsked })}>
          <input
            type="checkbox"
            data-testid="param-live-preview"
            checked={params.livePreview === true}
            onChange={(event) => onChange({ livePreview: event.target.checked })}
          />
          {t('generate.livePreview')}
        </label>
      )}
      {seededProtocols.includes(model.protocol) && (
        <label>
          {t('generate.seed')}
          <input
            data-testid="param-seed"
            inputMode="numeric"
            placeholder={t('generate.random')}
            value={params.seed}
            onChange={(event) => onChange({ seed: event.target.value.replace(/\D/g, '') })}
          />
        </label>
      )}
    </div>
  );
}
