import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { aspectRatios } from '../../../shared/contract/models';
import { type Padding, paddedSize, paddingToAspect } from '../../painter/outpaint';
import { useEditor } from '../../stores/editor';

const sides = ['top', 'right', 'bottom', 'left'] as const;
const none: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

function ratioOf(aspect: string): number {
  const [width, height] = aspect.split(':').map(Number);
  return width! / height!;
}

/** Outpainting: grow the canvas by pixels on any side, or to an aspect ratio; the new area is painted by the model. */
export function ExtendCanvas() {
  const { t } = useTranslation();
  const source = useEditor((state) => state.source)!;
  const extendCanvas = useEditor((state) => state.extendCanvas);
  const [padding, setPadding] = useState<Padding>(none);
  const size = paddedSize(source, padding);
  return (
    <details className="extend-canvas">
      <summary data-testid="canvas-extend">{t('editor.extend.title')}</summary>
      <div className="extend-sides">
        {sides.map((side) => (
          <label key={side}>
            {t(`editor.extend.${side}`)}
            <input
              type="number"
              min={0}
              step={8}
              data-testid={`canvas-extend-${side}`}
              value={padding[side]}
              onChange={(event) => setPadding({ ...padding, [side]: Math.max(0, Number(event.target.value) || 0) })}
            />
          </label>
        ))}
      </div>
      <label>
        {t('editor.extend.aspect')}
        <select
          value=""
          onChange={(event) => {
            if (event.target.value) setPadding(paddingToAspect(source, ratioOf(event.target.value)));
          }}
        >
          <option value="">—</option>
          {aspectRatios.map((aspect) => (
            <option key={aspect} value={aspect}>
              {aspect}
            </option>
          ))}
        </select>
      </label>
      <p className="muted hint">
        {t('editor.extend.result', { width: size.width, height: size.height })} {t('editor.extend.hint')}
      </p>
      <button
        type="button"
        data-testid="canvas-extend-apply"
        disabled={size.width === source.width && size.height === source.height}
        onClick={async () => {
          await extendCanvas(padding);
          setPadding(none);
        }}
      >
        {t('editor.extend.apply')}
      </button>
    </details>
  );
}
