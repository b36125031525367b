import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileSafePattern } from '../../../shared/autonomy/index.ts'

function reason(pattern: string): string {
  const result = compileSafePattern(pattern)
  return result.ok ? 'ok' : result.reason
}

describe('compileSafePattern', () => {
  it('compiles simple patterns in Unicode mode', () => {
    for (const p of [
      '^web(gpu|gl)$',
      'a+b*c?',
      '[a-z]{2,5}',
      '(?:ab)+',
      '\\d{3}',
      '(x?)',
      '\\u{1F600}+',
    ]) {
      expect(reason(p), p).toBe('ok')
    }
    const result = compileSafePattern('^WEB', true)
    expect(result.ok && result.value.flags).toBe('iu')
  })

  it('rejects nested quantifiers and repeated alternations', () => {
    for (const p of ['(a+)+', '(a*)*b', '((ab)*c)+', '(a?){2,}', '(?:x+y)+']) {
      expect(reason(p), p).toMatch(/may not contain a quantifier/)
    }
    for (const p of ['(a|aa)+', '(?:a|b){2}']) {
      expect(reason(p), p).toMatch(/may not contain an alternation/)
    }
  })

  it('rejects backreferences, empty and over-long patterns and too many quantifiers', () => {
    expect(reason('(a)\\1')).toMatch(/backreferences/)
    expect(reason('(?<n>a)\\k<n>')).toMatch(/backreferences/)
    expect(reason('')).toMatch(/empty/)
    expect(reason('a'.repeat(65))).toMatch(/at most 64/)
    expect(reason('a*b*c*d*e*')).toMatch(/5 repeating quantifiers, at most 4/)
  })

  it('reports why a pattern does not compile', () => {
    expect(reason('[')).toMatch(/does not compile/)
    expect(reason('\\q')).toMatch(/does not compile/) // sloppy escapes fail in Unicode mode
  })

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (p) => {
        const result = compileSafePattern(p)
        expect(typeof result.ok).toBe('boolean')
      }),
    )
  })

  it('accepts no pattern built from a quantified group that holds a quantifier', () => {
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\d')
    const quantifier = fc.constantFrom('*', '+', '{2,}', '{1,9}')
    fc.assert(
      fc.property(atom, quantifier, quantifier, fc.boolean(), (a, inner, outer, capture) => {
        const open = capture ? '(' : '(?:'
        expect(compileSafePattern(`${open}${a}${inner})${outer}`).ok).toBe(false)
      }),
    )
  })
})
