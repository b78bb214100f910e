import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A modal dialog over the whole screen; focus moves into it when it opens. */
export function Overlay(props: { title: string; children: ReactNode; onClose?: () => void; closeLabel?: string; tone?: 'calm' | 'plain'; className?: string }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>('button, input, [tabindex]');
    el?.focus();
  }, []);
  return (
    <div className={`overlay overlay--${props.tone ?? 'plain'}`}>
      <div ref={ref} className={`dialog ${props.className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId} className="dialog__title">
          {props.title}
        </h2>
        <div className="dialog__body">{props.children}</div>
        {props.onClose && (
          <div className="dialog__actions">
            <button type="button" className="btn btn--secondary" onClick={props.onClose}>
              {props.closeLabel ?? 'Close'}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
