import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/contract/models';
import { seededProtocols } from '../../../shared/presets';
import { type GenerateParams, useGenerate } from '../../stores/generate';

type ChoiceKey = 'size' | 'aspectRatio' | 'quality';

/** One parameter with a fixed set of values; '' means the model's own default. */
function ChoiceParam({
  name,
  label,
  testId,
  values,
}: {
  name: ChoiceKey;
  label: string;
  testId: string;
  values: string[];
}) {
  const { t } = useTranslation();
  const value = useGenerate((state) => state.params[name]);
  const setParams = useGenerate((state) => state.setParams);
  if (values.length === 0) return null;
  return (
    <label>
      {label}
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => setParams({ [name]: event.target.value } as Partial<GenerateParams>)}
      >
        <option value="">{t('generate.default')}</option>
        {values.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </label>
  );
}

/** Only the parameters the (first) chosen model accepts, with only the values it accepts. */
export function ParamsPanel({ model }: { model: ModelInfo | undefined }) {
  const { t } = useTranslation();
  const params = useGenerate((state) => state.params);
  const setParams = useGenerate((state) => state.setParams);
  if (!model) return null;
  const nValues = Array.from({ length: model.n.max - model.n.min + 1 }, (_, index) => model.n.min + index);
  return (
    <div className="params">
      {nValues.length > 1 && (
        <label>
          {t('generate.count')}
          <select
            data-testid="param-n"
            value={params.n}
            onChange={(event) => setParams({ n: Number(event.target.value) })}
          >
            {nValues.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
      )}
      <ChoiceParam name="size" label={t('generate.size')} testId="param-size" values={model.sizes ?? []} />
      <ChoiceParam name="aspectRatio" label={t('generate.aspect')} testId="param-aspect" values={model.aspectRatios} />
      <ChoiceParam name="quality" label={t('generate.quality')} testId="param-quality" values={model.qualities} />
      {seededProtocols.includes(model.protocol) && (
        <label>
          {t('generate.seed')}
          <input
            data-testid="param-seed"
            inputMode="numeric"
            placeholder={t('generate.random')}
            value={params.seed}
            onChange={(event) => setParams({ seed: event.target.value.replace(/\D/g, '') })}
          />
        </label>
      )}
    </div>
  );
}
