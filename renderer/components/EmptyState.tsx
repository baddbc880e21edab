import type { ReactNode } from 'react';

export function EmptyState({
  title,
  hint,
  testId,
  children,
}: {
  title: string;
  hint: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      <p>{hint}</p>
      {children}
    </div>
  );
}
