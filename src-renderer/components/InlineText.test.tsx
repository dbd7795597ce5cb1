// @vitest-environment jsdom
import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { InlineText } from './InlineText';

afterEach(cleanup);

it('shows backtick spans as code and any markup in the text as text', () => {
  const { container } = render(
    <p>
      <InlineText text={'Is `x` a <b>string</b>? `<img src=x onerror="alert(1)">`'} />
    </p>,
  );
  expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
    'x',
    '<img src=x onerror="alert(1)">',
  ]);
  expect(container.querySelector('b, img')).toBeNull();
  expect(container.textContent).toBe('Is x a <b>string</b>? <img src=x onerror="alert(1)">');
});
