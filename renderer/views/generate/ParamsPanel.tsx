import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/contract/models';
import { useGenerate } from '../../stores/generate';

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
          <select data-testid="param-n" value={params.n} onChange={(event) => setParams({ n: Number(event.target.value) })}>
            {nValues.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
      )}
      {model.sizes && model.sizes.length > 0 && (
        <label>
          {t('generate.size')}
          <select data-testid="param-size" value={params.size} onChange={(event) => setParams({ size: event.target.value })}>
            <option value="">{t('generate.default')}</option>
            {model.sizes.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
      )}
      {model.aspectRatios.length > 0 && (
        <label>
          {t('generate.aspect')}
          <select data-testid="param-aspect" value={params.aspectRatio} onChange={(event) => setParams({ aspectRatio: event.target.value })}>
            <option value="">{t('generate.default')}</option>
            {model.aspectRatios.map((ratio) => (
              <option key={ratio}>{ratio}</option>
            ))}
          </select>
        </label>
      )}
      {model.qualities.length > 0 && (
        <label>
          {t('generate.quality')}
          <select data-testid="param-quality" value={params.quality} onChange={(event) => setParams({ quality: event.target.value })}>
            <option value="">{t('generate.default')}</option>
            {model.qualities.map((quality) => (
              <option key={quality}>{quality}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('generate.seed')}
        <input data-testid="param-seed" inputMode="numeric" placeholder={t('generate.random')} value={params.seed} onChange={(event) => setParams({ seed: event.target.value.replace(/\D/g, '') })} />
      </label>
    </div>
  );
}
