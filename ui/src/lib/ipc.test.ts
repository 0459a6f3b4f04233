import { describe, expect, it } from 'vitest';
import { toIpcError } from './ipc';

describe('toIpcError', () => {
  it('keeps an error the app sent as it is', () => {
    const sent = { code: 'file_too_new', message_da: 'gemt af en nyere version', message_en: 'saved by a newer version' };
    expect(toIpcError(sent)).toEqual(sent);
  });

  it('knows every code of the closed set', () => {
    for (const code of ['validation', 'not_found', 'file_too_new', 'not_a_tender_file', 'locked', 'import_rejected', 'needs_confirmation', 'internal']) {
      expect(toIpcError({ code, message_da: 'm', message_en: 'm' }).code).toBe(code);
    }
  });

  it('turns an unknown code into internal rather than trusting it', () => {
    expect(toIpcError({ code: 'teapot', message_da: 'm', message_en: 'm' })).toEqual({
      code: 'internal',
      message_da: 'Unknown failure',
      message_en: 'Unknown failure',
    });
  });

  it('takes an error with only one language as not the app’s', () => {
    expect(toIpcError({ code: 'validation', message: 'm' }).code).toBe('internal');
  });

  it('turns a bare string from Tauri, such as a refused permission, into internal with that text in both languages', () => {
    expect(toIpcError('Command open_tender not allowed by ACL')).toEqual({
      code: 'internal',
      message_da: 'Command open_tender not allowed by ACL',
      message_en: 'Command open_tender not allowed by ACL',
    });
  });

  it('turns a thrown Error into internal with its message', () => {
    expect(toIpcError(new Error('IPC unavailable'))).toEqual({
      code: 'internal',
      message_da: 'IPC unavailable',
      message_en: 'IPC unavailable',
    });
  });

  it('copes with nothing at all', () => {
    expect(toIpcError(undefined).code).toBe('internal');
    expect(toIpcError(null).code).toBe('internal');
  });
});
