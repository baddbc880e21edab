import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api';
import type { Rect } from '../../painter/mask';
import { painterSession } from '../../painter/session';
import { fillPolygon, fillRect, type Point, type StrokePoint, strokeSegment } from '../../painter/tools';
import { pan, pinch, toImage } from '../../painter/viewport';
import { sourceUrl, useEditor } from '../../stores/editor';
import { useEditorPreferences } from '../../stores/editor-preferences';
import { drawOverlay } from './overlay';
import { useSpaceToPan } from './useSpaceToPan';

type Gesture =
  | { kind: 'stroke'; last: StrokePoint }
  | { kind: 'rect'; start: Point; end: Point }
  | { kind: 'lasso'; points: Point[] }
  | { kind: 'pan'; last: Point }
  | { kind: 'resize'; startX: number; startSize: number }
  | { kind: 'pinch' };

/** The wheel zooms about the pointer; a trackpad pinch arrives as a wheel with ctrlKey and zooms faster per delta. */
function wheelFactor(event: WheelEvent): number {
  const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
  return Math.exp(-pixels * (event.ctrlKey ? 0.01 : 0.0015));
}

/**
 * The workspace: the image and its mask under one view transform (zoom and pan), painted in image pixels. Pan with
 * Space-drag, the middle button or the hand tool; the wheel or a pinch zooms about the pointer.
 */
export function MaskCanvas() {
  const source = useEditor((state) => state.source)!;
  const tool = useEditor((state) => state.tool);
  const brushSize = useEditor((state) => state.brushSize);
  const feather = useEditor((state) => state.feather);
  const redrawVersion = useEditor((state) => state.redrawVersion);
  const viewport = useEditor((state) => state.viewport);
  const maskVisible = useEditor((state) => state.maskVisible);
  const staging = useEditor((state) => state.staging);
  const candidate = staging && !staging.showOriginal ? staging.imageIds[staging.index] : undefined;
  const touched = useEditor((state) => state.touched);
  const pressure = useEditorPreferences((state) => state.pressure);
  const overlayColor = useEditorPreferences((state) => state.overlayColor);
  const overlayOpacity = useEditorPreferences((state) => state.overlayOpacity);
  const workspace = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const cursor = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | null>(null);
  /** Fingers on the workspace, by pointer id: two make a pinch. */
  const touches = useRef(new Map<number, Point>());
  const [preview, setPreview] = useState<Gesture | null>(null);
  const [panning, setPanning] = useState(false);
  const spaceHeld = useSpaceToPan(workspace);

  // Any change made off the canvas (undo, invert, a new image, the overlay's colour) redraws the whole overlay.
  useEffect(() => {
    if (canvas.current) drawOverlay(canvas.current, 'whole');
  }, [redrawVersion, source, overlayColor, overlayOpacity]);

  useEffect(() => {
    const element = workspace.current!;
    const observer = new ResizeObserver(([entry]) => {
      if (entry)
        useEditor.getState().setWorkspace({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    // Not React's onWheel: that listener is passive and could not keep the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      useEditor.getState().zoomBy(wheelFactor(event), { x: event.clientX - box.left, y: event.clientY - box.top });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, []);

  const inWorkspace = (event: React.PointerEvent): Point => {
    const box = workspace.current!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const toMask = (event: React.PointerEvent): StrokePoint => {
    const point = toImage(useEditor.getState().viewport!, inWorkspace(event));
    // A mouse reports 0.5 while a button is down: only a pen's pressure means anything.
    return pressure && event.pointerType === 'pen' ? { ...point, pressure: event.pressure } : point;
  };
  const paintMode = () => (tool === 'eraser' ? 'erase' : 'paint');

  const moveCursor = (event: React.PointerEvent) => {
    if (!cursor.current) return;
    const point = inWorkspace(event);
    cursor.current.style.transform = `translate(${point.x}px, ${point.y}px)`;
  };

  const onPointerDown = (event: React.PointerEvent) => {
    const session = painterSession();
    if (!session || !viewport) return;
    if (event.pointerType === 'touch') {
      touches.current.set(event.pointerId, inWorkspace(event));
      if (touches.current.size === 2) {
        // A second finger: what the first one began painting was the start of a pinch, not a stroke.
        const current = gesture.current;
        if (current && current.kind !== 'pan' && current.kind !== 'resize' && current.kind !== 'pinch') {
          session.history.cancel();
          drawOverlay(canvas.current!, 'whole');
        }
        event.currentTarget.setPointerCapture(event.pointerId);
        gesture.current = { kind: 'pinch' };
        setPreview(null);
        return;
      }
    }
    if (gesture.current) return;
    // Focus leaves any toolbar button, so a later Space or Enter cannot press it.
    workspace.current!.focus({ preventScroll: true });
    const panGesture = event.button === 1 || (event.button === 0 && (spaceHeld.current || tool === 'hand'));
    if (!panGesture && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    if (panGesture) {
      gesture.current = { kind: 'pan', last: inWorkspace(event) };
      setPanning(true);
      return;
    }
    if (event.shiftKey && (tool === 'brush' || tool === 'eraser')) {
      // Shift-drag sizes the brush: the outline follows the pointer sideways.
      gesture.current = { kind: 'resize', startX: inWorkspace(event).x, startSize: brushSize };
      return;
    }
    const point = toMask(event);
    session.history.begin();
    if (tool === 'brush' || tool === 'eraser') {
      const rect = strokeSegment(session.mask, point, point, brushSize / 2, feather, paintMode());
      gesture.current = { kind: 'stroke', last: point };
      drawOverlay(canvas.current!, rect);
    } else if (tool === 'rect') {
      gesture.current = { kind: 'rect', start: point, end: point };
    } else {
      gesture.current = { kind: 'lasso', points: [point] };
    }
    setPreview(gesture.current.kind === 'stroke' ? null : { ...gesture.current });
  };

  const onPointerMove = (event: React.PointerEvent) => {
    moveCursor(event);
    if (event.pointerType === 'touch' && touches.current.has(event.pointerId)) {
      const before = [...touches.current.values()];
      touches.current.set(event.pointerId, inWorkspace(event));
      if (gesture.current?.kind === 'pinch' && before.length === 2) {
        const { viewport: view, setViewport } = useEditor.getState();
        setViewport(pinch(view!, before as [Point, Point], [...touches.current.values()] as [Point, Point]));
      }
    }
    const current = gesture.current;
    const session = painterSession();
    if (!current || !session || current.kind === 'pinch') return;
    if (current.kind === 'pan') {
      const point = inWorkspace(event);
      const { viewport: view, setViewport } = useEditor.getState();
      setViewport(pan(view!, point.x - current.last.x, point.y - current.last.y));
      current.last = point;
      return;
    }
    if (current.kind === 'resize') {
      const { viewport: view, setBrushSize } = useEditor.getState();
      setBrushSize(current.startSize + ((inWorkspace(event).x - current.startX) * 2) / view!.scale);
      return;
    }
    const point = toMask(event);
    if (current.kind === 'stroke') {
      const rect = strokeSegment(session.mask, current.last, point, brushSize / 2, feather, paintMode());
      current.last = point;
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
    touches.current.delete(event.pointerId);
    // A pinch ends when the last finger lifts; the one left behind does not paint.
    if (gesture.current?.kind === 'pinch') {
      if (touches.current.size === 0) gesture.current = null;
      return;
    }
    const current = gesture.current;
    const session = painterSession();
    gesture.current = null;
    setPreview(null);
    setPanning(false);
    if (!current || !session || current.kind === 'pan' || current.kind === 'resize') return;
    const mode = event.altKey ? 'erase' : 'paint';
    // Rectangle and lasso take the brush's softness: feather × the brush radius, in image pixels.
    const softness = (feather * brushSize) / 2;
    // A stroke drew each segment as it went; a rectangle or a lasso changes the mask only now.
    let rect: Rect | null = null;
    if (current.kind === 'rect') rect = fillRect(session.mask, current.start, toMask(event), mode, softness);
    else if (current.kind === 'lasso') rect = fillPolygon(session.mask, current.points, mode, softness);
    session.history.commit();
    drawOverlay(canvas.current!, rect);
    touched();
  };

  const scale = viewport?.scale ?? 1;
  const brushCursor = (tool === 'brush' || tool === 'eraser') && !panning;
  return (
    <div
      ref={workspace}
      className={`mask-stage${panning ? ' panning' : ''}${tool === 'hand' ? ' hand' : ''}`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onAuxClick={(event) => event.preventDefault()}
    >
      <div
        className={`mask-frame${scale >= 2 ? ' pixelated' : ''}`}
        style={{
          width: source.width,
          height: source.height,
          visibility: viewport ? 'visible' : 'hidden',
          transform: viewport ? `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.scale})` : undefined,
          // While panning, the frame is its own compositor layer: each frame moves it instead of repainting the
          // image and mask (bench/painter.ts). Only then: a layer keeps the scale it was drawn at, a zoom must not.
          willChange: panning ? 'transform' : undefined,
        }}
      >
        <img src={sourceUrl(source, mediaUrl)} alt={source.label} draggable={false} />
        {candidate && (
          <img
            src={mediaUrl(candidate, 'original')}
            alt=""
            data-testid="staging-candidate"
            data-image-id={candidate}
            draggable={false}
          />
        )}
        <canvas
          ref={canvas}
          data-testid="editor-canvas"
          data-mask-visible={maskVisible}
          width={source.width}
          height={source.height}
          className={`mask-canvas tool-${tool}`}
          style={{ opacity: maskVisible && !candidate ? 1 : 0 }}
        />
        {preview && (preview.kind === 'rect' || preview.kind === 'lasso') && (
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
      {brushCursor && (
        <div ref={cursor} className="brush-cursor" aria-hidden="true">
          <div style={{ width: brushSize * scale, height: brushSize * scale }} />
        </div>
      )}
    </div>
  );
}
