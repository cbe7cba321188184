import { describe, expect, it } from 'vitest';
import { pl } from './pl';
import { t } from './t';

describe('t', () => {
  it('fills placeholders', () => {
    expect(t('dashboard.greeting', { name: 'Anna' })).toBe('Dzień dobry, Anna!');
    expect(t('header.nip', { nip: '5260250274' })).toBe('NIP 5260250274');
  });

  it('leaves unknown placeholders visible instead of dropping them', () => {
    expect(t('dashboard.greeting')).toBe('Dzień dobry, {name}!');
    expect(t('dashboard.greeting', { other: 'x' })).toBe('Dzień dobry, {name}!');
  });

  it('has no empty messages', () => {
    expect(Object.entries(pl).filter(([, message]) => message.trim() === '')).toEqual([]);
  });
});
