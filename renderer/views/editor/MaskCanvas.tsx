import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api';
import type { Rect } from '../../painter/mask';
import { painterSession } from '../../painter/session';
import { fillPolygon, fillRect, type Point, strokeSegment, union } from '../../painter/tools';
import { sourceUrl, useEditor } from '../../stores/editor';

const tint = [255, 56, 96];
const tintAlpha = 0.55;

/** Paints the mask region `rect` onto the overlay canvas as a translucent tint. */
function drawOverlay(canvas: HTMLCanvasElement, rect: Rect | null): void {
  const session = painterSession();
  if (!session) return;
  const { mask } = session;
  const area = rect ? mask.clip(rect) : { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
  if (!area) return;
  const width = area.x1 - area.x0;
  const height = area.y1 - area.y0;
  const pixels = new ImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const coverage = mask.data[(y + area.y0) * mask.width + x + area.x0]!;
      const offset = (y * width + x) * 4;
      pixels.data[offset] = tint[0]!;
      pixels.data[offset + 1] = tint[1]!;
      pixels.data[offset + 2] = tint[2]!;
      pixels.data[offset + 3] = coverage * tintAlpha;
    }
  }
  canvas.getContext('2d')!.putImageData(pixels, area.x0, area.y0);
}

type Gesture =
  | { kind: 'stroke'; last: Point; touched: Rect | null }
  | { kind: 'rect'; start: Point; end: Point }
  | { kind: 'lasso'; points: Point[] };

export function MaskCanvas() {
  const source = useEditor((state) => state.source)!;
  const tool = useEditor((state) => state.tool);
  const brushSize = useEditor((state) => state.brushSize);
  const feather = useEditor((state) => state.feather);
  const version = useEditor((state) => state.version);
  const touched = useEditor((state) => state.touched);
  const canvas = useRef<HTMLCanvasElement>(null);
  const gesture = useRef<Gesture | null>(null);
  const [preview, setPreview] = useState<Gesture | null>(null);

  // Any change made outside a stroke (undo, invert, a new image) redraws the whole overlay.
  useEffect(() => {
    if (canvas.current) drawOverlay(canvas.current, null);
  }, [version, source]);

  const toImage = (event: React.PointerEvent): Point => {
    const box = canvas.current!.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * source.width) / box.width,
      y: ((event.clientY - box.top) * source.height) / box.height,
    };
  };

  const onPointerDown = (event: React.PointerEvent) => {
    const session = painterSession();
    if (!session || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = toImage(event);
    session.history.begin();
    if (tool === 'brush' || tool === 'eraser') {
      const rect = strokeSegment(
        session.mask,
        point,
        point,
        brushSize / 2,
        feather,
        tool === 'eraser' ? 'erase' : 'paint',
      );
      gesture.current = { kind: 'stroke', last: point, touched: rect };
      drawOverlay(canvas.current!, rect);
    } else if (tool === 'rect') {
      gesture.current = { kind: 'rect', start: point, end: point };
    } else {
      gesture.current = { kind: 'lasso', points: [point] };
    }
    setPreview(gesture.current.kind === 'stroke' ? null : { ...gesture.current });
  };

  const onPointerMove = (event: React.PointerEvent) => {
    const current = gesture.current;
    const session = painterSession();
    if (!current || !session) return;
    const point = toImage(event);
    if (current.kind === 'stroke') {
      const rect = strokeSegment(
        session.mask,
        current.last,
        point,
        brushSize / 2,
        feather,
        tool === 'eraser' ? 'erase' : 'paint',
      );
      current.last = point;
      current.touched = union(current.touched, rect);
      drawOverlay(canvas.current!, rect);
    } else if (current.kind === 'rect') {
      current.end = point;
      setPreview({ ...current });
    } else {
      current.points.push(point);
      setPreview({ kind: 'lasso', points: [...current.points] });
    }
  };

  const onPointerUp = (event: React.PointerEvent) => {
    const current = gesture.current;
    const session = painterSession();
    gesture.current = null;
    setPreview(null);
    if (!current || !session) return;
    const mode = event.altKey ? 'erase' : 'paint';
    let rect: Rect | null = null;
    if (current.kind === 'stroke') rect = current.touched;
    else if (current.kind === 'rect') rect = fillRect(session.mask, current.start, toImage(event), mode);
    else rect = fillPolygon(session.mask, current.points, mode);
    session.history.commit();
    drawOverlay(canvas.current!, rect);
    touched();
  };

  return (
    <div className="mask-stage">
      {/* Fits the stage whatever its shape, keeping the image's aspect ratio (container query units). */}
      <div
        className="mask-frame"
        style={{
          aspectRatio: `${source.width} / ${source.height}`,
          width: `min(100cqw, calc(100cqh * ${source.width} / ${source.height}))`,
        }}
      >
        <img src={sourceUrl(source, mediaUrl)} alt={source.label} draggable={false} />
        <canvas
          ref={canvas}
          data-testid="editor-canvas"
          width={source.width}
          height={source.height}
          className={`mask-canvas tool-${tool}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
        {preview && (
          <svg
            className="mask-preview"
            viewBox={`0 0 ${source.width} ${source.height}`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {preview.kind === 'rect' && (
              <rect
                x={Math.min(preview.start.x, preview.end.x)}
                y={Math.min(preview.start.y, preview.end.y)}
                width={Math.abs(preview.end.x - preview.start.x)}
                height={Math.abs(preview.end.y - preview.start.y)}
              />
            )}
            {preview.kind === 'lasso' && (
              <polygon points={preview.points.map((point) => `${point.x},${point.y}`).join(' ')} />
            )}
          </svg>
        )}
      </div>
    </div>
  );
}
