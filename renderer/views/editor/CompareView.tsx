import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodePixels } from '../../painter/decode';
import { differenceImage } from '../../painter/difference';
import { fit, pan, type Size, type Viewport, zoomAbout, zoomPercent } from '../../painter/viewport';
import { matchesShortcut } from '../../shortcuts';
import { isTyping } from './keys';

export const compareModes = ['side-by-side', 'split', 'blink', 'difference'] as const;
export type CompareMode = (typeof compareModes)[number];

/** How often blink swaps the two images on its own (C swaps at once). */
const blinkMs = 700;

interface Props {
  before: string;
  after: string;
  label: string;
  /** At full size (the editor's workspace) rather than a preview box. */
  full?: boolean;
}

/**
 * Two images four ways — side by side, a split with a draggable handle, blink, and their amplified difference — all
 * through one viewport (painter/viewport.ts), so zooming or panning one pane moves the other the same: wheel zooms
 * about the pointer, a drag pans, 0 fits, 1 is 100 %, C swaps the images in blink.
 */
export function CompareView({ before, after, label, full = false }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<CompareMode>('split');
  const [split, setSplit] = useState(50);
  const [showAfter, setShowAfter] = useState(true);
  const [gain, setGain] = useState(8);
  const [threshold, setThreshold] = useState(4);
  const [image, setImage] = useState<Size | null>(null);
  const [pane, setPane] = useState<Size | null>(null);
  /** Where the user zoomed and panned to; until then the image fits the pane. */
  const [chosenView, setView] = useState<Viewport | null>(null);
  const view = chosenView ?? (image && pane ? fit(image, pane) : null);
  const stage = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; handle: boolean; pane: Element | null } | null>(null);
  /** Once C has swapped them by hand, blink stops swapping on its own. */
  const [byHand, setByHand] = useState(false);
  const paneCount = mode === 'side-by-side' ? 2 : 1;

  // The pane's size (half the stage side by side).
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const measure = () => {
      const width = (element.clientWidth - (paneCount - 1) * 6) / paneCount;
      setPane({ width: Math.max(1, width), height: Math.max(1, element.clientHeight) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [paneCount]);

  useEffect(() => {
    if (mode !== 'blink' || byHand) return;
    const timer = setInterval(() => setShowAfter((value) => !value), blinkMs);
    return () => clearInterval(timer);
  }, [mode, byHand]);

  const onKey = (event: React.KeyboardEvent) => {
    if (isTyping(event.target) || !image || !pane || !view) return;
    const key = event.key.toLowerCase();
    if (key === 'c' && !event.ctrlKey && !event.metaKey) {
      setByHand(true);
      setShowAfter((value) => !value);
    } else if (matchesShortcut(event, '0')) setView(fit(image, pane));
    else if (matchesShortcut(event, '1'))
      setView(zoomAbout(view, { x: pane.width / 2, y: pane.height / 2 }, 1 / view.scale));
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  /** A point in the pane's own coordinates (the one the view is in; a drag keeps the pane it began in). */
  const local = (event: React.PointerEvent | React.WheelEvent, pane?: Element | null) => {
    const element =
      pane ?? (event.target as HTMLElement).closest('.compare-pane') ?? stage.current?.querySelector('.compare-pane');
    const box = element?.getBoundingClientRect() ?? { left: 0, top: 0, width: 1 };
    return { x: event.clientX - box.left, y: event.clientY - box.top, width: box.width };
  };
  const onPointerDown = (event: React.PointerEvent) => {
    if (event.button !== 0 && event.button !== 1) return;
    const handle = (event.target as HTMLElement).dataset.testid === 'compare-slider';
    const pane = (event.target as HTMLElement).closest('.compare-pane');
    drag.current = { x: event.clientX, y: event.clientY, handle, pane };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const current = drag.current;
    if (!current || !view) return;
    if (current.handle) {
      const at = local(event, current.pane);
      setSplit(Math.max(0, Math.min(100, (at.x / at.width) * 100)));
    } else {
      setView(pan(view, event.clientX - current.x, event.clientY - current.y));
      drag.current = { ...current, x: event.clientX, y: event.clientY };
    }
  };
  const onWheel = (event: React.WheelEvent) => {
    if (!view) return;
    const at = local(event);
    setView(zoomAbout(view, at, Math.exp(-event.deltaY / 300)));
  };

  const placed = (url: string, alt: string, className = '') =>
    view &&
    image && (
      <img
        className={`compare-image ${className}`}
        src={url}
        alt={alt}
        draggable={false}
        style={{ left: view.x, top: view.y, width: image.width * view.scale, height: image.height * view.scale }}
      />
    );
  const caption = (text: string, side: 'left' | 'right') => (
    <span className={`compare-label ${side}`} aria-hidden="true">
      {text}
    </span>
  );

  return (
    <div className={`compare${full ? ' full' : ''}`} data-testid="compare-view" data-mode={mode}>
      <div className="compare-controls">
        <select
          data-testid="compare-mode"
          aria-label={t('compare.mode')}
          value={mode}
          onChange={(event) => {
            setMode(event.target.value as CompareMode);
            setByHand(false);
          }}
        >
          {compareModes.map((value) => (
            <option key={value} value={value}>
              {t(`compare.modes.${value}`)}
            </option>
          ))}
        </select>
        {mode === 'difference' && (
          <>
            <label>
              {t('compare.gain')}
              <input
                type="range"
                data-testid="compare-gain"
                min={1}
                max={32}
                value={gain}
                onChange={(event) => setGain(Number(event.target.value))}
              />
            </label>
            <label>
              {t('compare.threshold')}
              <input
                type="range"
                data-testid="compare-threshold"
                min={0}
                max={64}
                value={threshold}
                onChange={(event) => setThreshold(Number(event.target.value))}
              />
            </label>
          </>
        )}
        {mode === 'blink' && <span className="muted hint">{t('compare.blinkHint')}</span>}
        <span className="value" data-testid="compare-zoom">
          {view ? t('editor.zoomLevel', { percent: zoomPercent(view) }) : ''}
        </span>
      </div>
      {/* The stage takes the keys (0, 1, C) when focused; a drag pans, the wheel zooms, both panes together. */}
      <div
        ref={stage}
        className="compare-stage"
        tabIndex={0}
        aria-label={t('compare.stage')}
        onKeyDown={onKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onWheel={onWheel}
      >
        {/* The original's size sets the view; the other image is drawn at that size so the two line up. */}
        <img
          hidden
          src={before}
          alt=""
          onLoad={(event) =>
            setImage({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
          }
        />
        {mode === 'side-by-side' && (
          <>
            <div className="compare-pane">
              {placed(before, t('compare.before'))}
              {caption(t('compare.before'), 'left')}
            </div>
            <div className="compare-pane">
              {placed(after, label)}
              {caption(t('compare.after'), 'left')}
            </div>
          </>
        )}
        {mode === 'split' && (
          <div className="compare-pane">
            {placed(before, t('compare.before'))}
            <div className="compare-clip" style={{ clipPath: `inset(0 0 0 ${split}%)` }}>
              {placed(after, label)}
            </div>
            <div
              className="compare-handle"
              data-testid="compare-slider"
              role="slider"
              tabIndex={0}
              aria-label={t('compare.split')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(split)}
              style={{ left: `${split}%` }}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowLeft' ? -2 : event.key === 'ArrowRight' ? 2 : 0;
                if (step === 0) return;
                event.preventDefault();
                event.stopPropagation();
                setSplit((value) => Math.max(0, Math.min(100, value + step)));
              }}
            />
            {caption(t('compare.before'), 'left')}
            {caption(t('compare.after'), 'right')}
          </div>
        )}
        {mode === 'blink' && (
          <div className="compare-pane" data-showing={showAfter ? 'after' : 'before'}>
            {showAfter ? placed(after, label) : placed(before, t('compare.before'))}
            {caption(showAfter ? t('compare.after') : t('compare.before'), 'left')}
          </div>
        )}
        {mode === 'difference' && (
          <div className="compare-pane">
            {view && image && (
              <DifferenceCanvas
                before={before}
                after={after}
                size={image}
                gain={gain}
                threshold={threshold}
                style={{
                  left: view.x,
                  top: view.y,
                  width: image.width * view.scale,
                  height: image.height * view.scale,
                }}
              />
            )}
            {caption(t('compare.modes.difference'), 'left')}
          </div>
        )}
      </div>
    </div>
  );
}

/** The two images' difference at the original's size in image pixels (decoded once, redrawn as gain or threshold move). */
function DifferenceCanvas(props: {
  before: string;
  after: string;
  size: Size;
  gain: number;
  threshold: number;
  style: React.CSSProperties;
}) {
  const { before, after, size, gain, threshold, style } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pixels, setPixels] = useState<[Uint8ClampedArray, Uint8ClampedArray] | null>(null);
  useEffect(() => {
    let live = true;
    // Never rejects: an image that cannot be decoded leaves the canvas blank.
    void Promise.all([
      decodePixels(before, size.width, size.height),
      decodePixels(after, size.width, size.height),
    ]).then(([a, b]) => {
      if (live && a && b) setPixels([a.rgba, b.rgba]);
    });
    return () => {
      live = false;
    };
  }, [before, after, size.width, size.height]);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || !pixels) return;
    const data = differenceImage(pixels[0], pixels[1], gain, threshold);
    context.putImageData(new ImageData(data, size.width, size.height), 0, 0);
  }, [pixels, gain, threshold, size.width, size.height]);
  return (
    <canvas
      ref={canvas}
      className="compare-image"
      data-testid="compare-difference"
      data-ready={pixels !== null}
      width={size.width}
      height={size.height}
      style={style}
    />
  );
}
