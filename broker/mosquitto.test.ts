import { describe, expect, it } from 'vitest';
import { DEMO_ATTENDANTS } from '../store-bus/demo.ts';
import { mosquittoAcl, mosquittoConf, mosquittoPasswords } from './mosquitto.ts';

const accounts = { storeId: 's1', lanes: { l1: 'lane-one-secret' }, consoles: { wall: 'wall-secret-123' }, attendants: DEMO_ATTENDANTS };

describe('Mosquitto files', () => {
  it('the ACL file has one block per user with exactly the table of acl.ts', () => {
    expect(mosquittoAcl(accounts).split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'user lane-l1',
      'topic write lane/v1/s1/lanes/l1/status',
      'topic write lane/v1/s1/lanes/l1/interventions',
      'topic write lane/v1/s1/lanes/l1/events',
      'topic write lane/v1/s1/lanes/l1/replies',
      'topic write lane/v1/s1/lanes/l1/shift',
      'topic read lane/v1/s1/lanes/l1/commands/+',
      'user console-wall',
      'topic read lane/v1/s1/lanes/#',
      'user alex',
      'topic write lane/v1/s1/lanes/+/commands/alex',
      'topic read lane/v1/s1/lanes/#',
      'user sam',
      'topic write lane/v1/s1/lanes/+/commands/sam',
      'topic read lane/v1/s1/lanes/#',
    ]);
  });

  it('the password list takes lane/console secrets from the accounts and attendant PINs from provisioning', () => {
    expect(mosquittoPasswords(accounts, { alex: '1234' })).toBe('lane-l1:lane-one-secret\nconsole-wall:wall-secret-123\nalex:1234\n');
  });

  it('the config refuses anonymous users and can add TLS and WebSocket listeners', () => {
    const conf = mosquittoConf({ port: 8883, host: '0.0.0.0', passwordFile: '/etc/lane/passwords', aclFile: '/etc/lane/acl', wsPort: 8084, tls: { cafile: '/etc/lane/ca.pem', certfile: '/etc/lane/cert.pem', keyfile: '/etc/lane/key.pem' } });
    expect(conf).toContain('allow_anonymous false');
    expect(conf).toContain('listener 8883 0.0.0.0\nprotocol mqtt\ncafile /etc/lane/ca.pem\ncertfile /etc/lane/cert.pem\nkeyfile /etc/lane/key.pem');
    expect(conf).toContain('listener 8084 0.0.0.0\nprotocol websockets\ncafile');
  });
});
