import { describe, expect, it } from 'vitest';
import { IPC } from './bridge';
import { IpcPayload, parseIpcPayload } from './ipc-schemas';

const FP = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(':');
const key = { contestId: 'c1', problemId: 'A', languageId: 'cpp' };

describe('IPC payload schemas', () => {
  it('has a schema for every invoke channel and none for the push channels', () => {
    const pushed: string[] = [IPC.discoveryChanged, IPC.lockdownSignal];
    const invoke = Object.values(IPC).filter((c) => !pushed.includes(c)).sort();
    expect(Object.keys(IpcPayload).sort()).toEqual(invoke);
  });

  it.each([
    [IPC.discoveryState, undefined],
    [IPC.discoveryChoose, { address: '10.0.0.5:8443' }],
    [IPC.discoveryConfirm, { fingerprint: FP }],
    [IPC.draftSave, { key, text: 'int main() {}' }],
    [IPC.draftSave, { key, text: '' }],
    [IPC.draftLoad, { key }],
    [IPC.draftList, { contestId: 'c1' }],
    [IPC.sessionSet, { session: { contestId: 'c1', token: 'tok' } }],
    [IPC.sessionSet, { session: null }],
    [IPC.quit, { exitCode: '4711' }],
  ] as const)('accepts a good %s payload', (channel, payload) => {
    expect(() => parseIpcPayload(channel, payload)).not.toThrow();
  });

  it('normalises a lower-case fingerprint', () => {
    expect(parseIpcPayload(IPC.discoveryConfirm, { fingerprint: FP.toLowerCase() })).toEqual({ fingerprint: FP });
  });

  it.each([
    ['state with an argument', IPC.discoveryState, { x: 1 }, /discovery-state/],
    ['choose without address', IPC.discoveryChoose, {}, /address/],
    ['choose with a blank address', IPC.discoveryChoose, { address: '   ' }, /type the host address/],
    ['choose with a huge address', IPC.discoveryChoose, { address: 'a'.repeat(301) }, /address/],
    ['choose with a string instead of an object', IPC.discoveryChoose, '10.0.0.5', /payload/],
    ['confirm with a short fingerprint', IPC.discoveryConfirm, { fingerprint: 'AB:CD' }, /fingerprint/],
    ['save with a path in the problem id', IPC.draftSave, { key: { ...key, problemId: '../x' }, text: '' }, /key.problemId/],
    ['save with a missing language', IPC.draftSave, { key: { contestId: 'c1', problemId: 'A' }, text: '' }, /key.languageId/],
    ['save with an extra key field', IPC.draftSave, { key: { ...key, path: '/etc' }, text: '' }, /key/],
    ['save with a text too long', IPC.draftSave, { key, text: 'x'.repeat(256 * 1024 + 1) }, /256 KiB/],
    ['save with a number as text', IPC.draftSave, { key, text: 42 }, /text/],
    ['save with an extra top-level field', IPC.draftSave, { key, text: '', flush: true }, /payload|flush/],
    ['load without key', IPC.draftLoad, {}, /key/],
    ['list with a bad contest id', IPC.draftList, { contestId: '.hidden' }, /contestId/],
    ['session with an empty token', IPC.sessionSet, { session: { contestId: 'c1', token: '' } }, /token/],
    ['session missing', IPC.sessionSet, {}, /session/],
    ['quit without a code', IPC.quit, { exitCode: '' }, /exit code/],
    ['quit with a too long code', IPC.quit, { exitCode: 'x'.repeat(65) }, /exitCode/],
    ['quit with a prototype-polluting payload', IPC.quit, JSON.parse('{"__proto__": {"exitCode": "1"}}'), /exitCode/],
  ] as const)('rejects %s', (_name, channel, payload, message) => {
    expect(() => parseIpcPayload(channel, payload)).toThrow(message);
  });
});
