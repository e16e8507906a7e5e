import { frozenCopy } from '../../src/private/freeze';

describe('frozenCopy', () => {
  test('copies plain data deeply and freezes it; class instances stay as they are', () => {
    class Box { constructor(public n: number) {} }
    const box = new Box(1);
    const input: any = { a: [1, { b: 'x' }, null], c: { d: box }, e: undefined };
    const out = frozenCopy('Machine \'m\'', 'extra', input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.a[1]).not.toBe(input.a[1]);
    expect(out.c.d).toBe(box);
    expect(Object.isFrozen(out) && Object.isFrozen(out.a) && Object.isFrozen(out.a[1])).toBe(true);
    input.a[1].b = 'y';
    expect(out.a[1].b).toBe('x');
    expect(frozenCopy('w', 'p', 3)).toBe(3);
  });

  test('fails when the data refers to itself, naming the path', () => {
    const loop: any = { list: [0, { inner: {} }] };
    loop.list[1].inner.back = loop.list;
    expect(() => frozenCopy('Machine \'m\'', 'extra', loop)).toThrow(
      'Machine \'m\': extra.list[1].inner.back refers to itself: got "[circular]"; plain data without cycles',
    );
  });

  test('fails on a cycle below flat data and below an array, naming the path', () => {
    const flat: any = { a: 1, b: { c: 2, d: [{}] } };
    flat.b.d[0].up = flat.b;
    expect(() => frozenCopy('w', 'p', flat)).toThrow('w: p.b.d[0].up refers to itself');
    const list: any[] = [1, [2]];
    list[1].push(list);
    expect(() => frozenCopy('w', 'p', list)).toThrow('w: p[1][1] refers to itself');
    const shared = { x: 1 };
    expect(frozenCopy('w', 'p', { a: shared, b: [shared, shared] })).toEqual({ a: { x: 1 }, b: [{ x: 1 }, { x: 1 }] });
    expect(Object.isFrozen(frozenCopy('w', 'p', {}))).toBe(true);
  });
});
