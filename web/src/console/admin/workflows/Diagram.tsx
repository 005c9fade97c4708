// A workflow diagram at its own size, in a box that scrolls (reachable by keyboard, named by its caption).
import { type ReactNode, useId } from 'react';

export function Diagram({
  caption,
  className,
  children,
}: {
  caption: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className={`panel diagram${className ? ` ${className}` : ''}`}>
      <figcaption id={id}>{caption}</figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take the focus to scroll by keyboard */}
      <section className="diagram__scroll" tabIndex={0} aria-labelledby={id}>
        {children}
      </section>
    </figure>
  );
}
